import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { UsersModule } from './users/users.module.js';

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
  '*.name',
  '*.phone',
  '*.address',
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const uiDist = config.env.ADMIN_UI_DIST;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.env.LOG_LEVEL,
            genReqId: (req, res) => {
              const incoming = req.headers['x-request-id'];
              const id =
                typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
            // The query string can carry filters with personal data (an email searched for).
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                path: req.url.split('?')[0],
              }),
            },
            autoLogging: { ignore: (req) => req.url === '/api/health' },
          },
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'login', ttl: 60_000, limit: config.env.LOGIN_RATE_LIMIT_PER_MINUTE }],
          errorMessage: 'Too many attempts; wait a minute and try again',
        }),
        DatabaseModule,
        AuditModule,
        AuthModule,
        UsersModule,
        HealthModule,
        DemoModule,
        ...(uiDist && existsSync(uiDist)
          ? [ServeStaticModule.forRoot({ rootPath: uiDist, exclude: ['/api/{*path}'] })]
          : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
