import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CSRF_HEADER, ERROR_CODES, SESSION_COOKIE } from '@privacy-desk/shared';
import cookieParser from 'cookie-parser';
import type express from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module.js';
import { AuthService } from './auth/auth.service.js';
import type { Clock } from './common/clock/clock.js';
import { createValidationPipe } from './common/errors/validation.js';
import { consoleAssets } from './common/http/console-assets.js';
import { formBody, jsonApiBody } from './common/http/json-body.js';
import { createRootLogger, PinoNestLogger, requestLogger } from './common/logging/logger.js';
import { AppConfig, loadConfig } from './config/app-config.js';

const DEFAULT_UI_DIST = fileURLToPath(new URL('../../admin-ui/dist', import.meta.url));

/** Builds the whole application (used by main, the CLI and the end-to-end tests). */
export async function createApp(
  env: NodeJS.ProcessEnv = process.env,
  options: { bufferLogs?: boolean; clock?: Clock } = {},
): Promise<{ app: INestApplication; config: AppConfig }> {
  const config = loadConfig({
    ADMIN_UI_DIST: existsSync(DEFAULT_UI_DIST) ? DEFAULT_UI_DIST : undefined,
    ...env,
  });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options.clock),
    {
      bodyParser: false,
      bufferLogs: options.bufferLogs ?? true,
      abortOnError: false,
    },
  );
  const rootLogger = createRootLogger(config.env.LOG_LEVEL);
  app.useLogger(new PinoNestLogger(rootLogger));
  app.set('trust proxy', config.env.TRUST_PROXY_HOPS);
  app.disable('x-powered-by');
  // Express hashed every JSON answer for an ETag; API answers are no-store (below), so no
  // client ever sends it back. The console's files keep theirs (serve-static's own).
  app.set('etag', false);
  app.setGlobalPrefix('api', { exclude: ['privacy', 'privacy/verify'] });

  // Upgrading to HTTPS (CSP upgrade-insecure-requests, HSTS) only where the server really is
  // behind TLS: production, or COOKIE_SECURE=true. Over plain HTTP at a LAN address they
  // would make the browser fetch https://… assets that nothing serves.
  const behindTls = config.cookieSecure;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // The console inlines MUI's styles; the QR code is a data: image.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': behindTls ? [] : null,
        },
      },
      strictTransportSecurity: behindTls,
    }),
  );
  app.use(requestLogger(rootLogger));
  if (config.env.ADMIN_UI_DIST && existsSync(config.env.ADMIN_UI_DIST)) {
    app.use('/assets', consoleAssets(config.env.ADMIN_UI_DIST));
  }
  // No API answer may be kept by a browser or a proxy: they carry personal data, and
  // /api/auth/me the CSRF token. The public form's pages (the verify link's token) likewise.
  app.use(['/api', '/privacy'], noStore);
  app.use(cookieParser());
  app.use('/api', jsonApiBody());
  app.use('/privacy', formBody());
  app.useGlobalPipes(createValidationPipe());
  if (config.env.CORS_ORIGINS.length > 0) {
    app.enableCors({
      origin: config.env.CORS_ORIGINS,
      credentials: true,
      exposedHeaders: ['Content-Range', 'X-Request-Id', 'X-Total-As-Of', 'X-Next-Cursor'],
      allowedHeaders: ['Content-Type', CSRF_HEADER, 'Authorization', 'X-Request-Id'],
    });
  }

  if (config.apiDocsEnabled) setUpApiDocs(app, config);
  app.enableShutdownHooks();
  return { app, config };
}

const noStore: express.RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * The OpenAPI documentation at /api/docs (and /api/docs-json). Off by default in production
 * (API_DOCS=true turns it on), and then only for a signed-in session.
 */
function setUpApiDocs(app: INestApplication, config: AppConfig): void {
  if (config.apiDocsNeedSignIn) {
    const auth = app.get(AuthService);
    app.use(['/api/docs', '/api/docs-json'], ((req, res, next) => {
      const token: unknown = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
      const check = typeof token === 'string' && token ? auth.resolveSession(token) : null;
      Promise.resolve(check)
        .then((session) => {
          if (session) return next();
          res.status(401).json({
            message: 'Sign in to read the API documentation.',
            code: ERROR_CODES.unauthenticated,
          });
        })
        .catch(next);
    }) satisfies express.RequestHandler);
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Privacy Desk API')
      .setDescription(
        'Privacy-request back office. Errors are `{ message, code, errors? }`; lists speak ra-data-simple-rest (sort, range, filter, Content-Range). Writes made with the session cookie need the X-CSRF-Token header from /auth/me.',
      )
      .setVersion('0.1.0')
      .addCookieAuth('pd_session')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        description: 'API key: pdk_<prefix>_<secret>',
      })
      .addApiKey({ type: 'apiKey', in: 'header', name: CSRF_HEADER }, 'csrf')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
