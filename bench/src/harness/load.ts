import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** A fixed body, or one made per request (e.g. a unique email). */
  body?: string | (() => string);
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  /** Requests answered 2xx. */
  ok: number;
  /** Requests answered with any other status. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** What the 2xx answers returned, when the caller asked to keep them. */
  bodies: string[];
}

/**
 * Runs autocannon against a URL. With `keepBodies`, the body of every 2xx answer is kept (the
 * intake scenario checks that each acknowledged request is in the database afterwards).
 */
export async function runLoad(options: LoadOptions, keepBodies = false): Promise<LoadResult> {
  const bodies: string[] = [];
  const body = options.body;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    connections: options.connections,
    duration: options.duration,
    ...(typeof body === 'function'
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({ ...request, body: body() }),
              ...(keepBodies
                ? {
                    onResponse: (status: number, responseBody: string) => {
                      if (status >= 200 && status < 300) bodies.push(responseBody);
                    },
                  }
                : {}),
            },
          ],
        }
      : body !== undefined
        ? {
            body,
            ...(keepBodies
              ? {
                  requests: [
                    {
                      onResponse: (status: number, responseBody: string) => {
                        if (status >= 200 && status < 300) bodies.push(responseBody);
                      },
                    },
                  ],
                }
              : {}),
          }
        : {}),
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bodies,
  };
}

export function formatRate(rps: number, unit = 'req/s'): string {
  return `${Math.round(rps).toLocaleString('en-US')} ${unit}`;
}

export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}
