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
  /** Called when the warm-up has ended and the measured run starts. */
  onMeasuredStart?: () => void;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  /** Mean latency, ms. */
  mean: number;
  p50: number;
  p99: number;
  /** Requests answered 2xx. */
  ok: number;
  /** Requests answered with any other status. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Requests answered in the measured run (after the warm-up). */
  measured: number;
  /** What the 2xx answers returned, when the caller asked to keep them. */
  bodies: string[];
}

/**
 * Seconds of the same load run first and not measured, on both sides of a scenario: a server
 * that just started spends its first second compiling its hot code and preparing statements
 * (the Privacy Desk server answered about 30% fewer requests in its first second than later).
 */
export const WARMUP_SECONDS = 2;

/**
 * Runs autocannon against a URL, after WARMUP_SECONDS of the same load that count only in `ok`,
 * `non2xx`, `errors` and `bodies`. With `keepBodies`, the body of every 2xx answer is kept (the
 * intake scenario checks that each acknowledged request is in the database afterwards).
 */
export async function runLoad(options: LoadOptions, keepBodies = false): Promise<LoadResult> {
  const bodies: string[] = [];
  const warmup = await runAutocannon({ ...options, duration: WARMUP_SECONDS }, keepBodies, bodies);
  options.onMeasuredStart?.();
  const result = await runAutocannon(options, keepBodies, bodies);
  return {
    rps: result.requests.average,
    mean: result.latency.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: warmup['2xx'] + result['2xx'],
    non2xx: warmup.non2xx + result.non2xx,
    errors: warmup.errors + warmup.timeouts + result.errors + result.timeouts,
    measured: result['2xx'] + result.non2xx,
    bodies,
  };
}

function runAutocannon(
  options: LoadOptions,
  keepBodies: boolean,
  bodies: string[],
): Promise<autocannon.Result> {
  const body = options.body;
  return autocannon({
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
}

export function formatRate(rps: number, unit = 'req/s'): string {
  return `${Math.round(rps).toLocaleString('en-US')} ${unit}`;
}

export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}
