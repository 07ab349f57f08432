import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import { pino } from 'pino';
import type { Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';

/** Objects whose `name` field is a person's name (a request body, a user, a subject). */
const PERSON_OBJECTS = ['body', 'user', 'subject', 'requester', 'person', 'actor'];

/** Header and body fields that never reach the logs. */
export const REDACTED_LOG_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.otp',
  '*.recoveryCode',
  '*.token',
  '*.email',
  '*.phone',
  '*.address',
  // A person's name, where a person is: never a bare `*.name`, which would also hide
  // `error.name` ("TypeError") and the names of jobs, templates and keys.
  '*.requesterName',
  '*.fullName',
  '*.displayName',
  ...PERSON_OBJECTS.flatMap((object) => [`${object}.name`, `*.${object}.name`]),
];

export function createRootLogger(level: string, destination?: NodeJS.WritableStream): Pino {
  const options = { level, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination as never) : pino(options);
}

/** Access log with a request id per request (taken from X-Request-Id when it is sane). */
export function requestLogger(logger: Pino): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id =
        typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // The query string can carry filters with personal data (an email searched for).
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => req.url === '/api/health' },
  }) as unknown as RequestHandler;
}

const NEST_STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Nest's logger interface over pino, so framework and application logs are one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Pino) {}

  private write(
    level: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ) {
    const context =
      typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message !== null && typeof message === 'object') {
      const msg = typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
      this.logger[level]({ context, ...(message as object) }, msg);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]) {
    const context = rest[rest.length - 1];
    // Nest's start-up chatter (one line per module and route) is only useful when debugging.
    const chatter = typeof context === 'string' && NEST_STARTUP_CONTEXTS.has(context);
    this.write(chatter ? 'debug' : 'info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }
}
