import { existsSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { HttpExceptionFilter } from './common/errors/http-exception.filter.js';
import type { Clock } from './common/clock/clock.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DemoModule } from './demo/demo.module.js';
import { DisclosuresModule } from './disclosures/disclosures.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { ExportsModule } from './exports/exports.module.js';
import { DiagnosticsModule } from './diagnostics/diagnostics.module.js';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LegalProcessModule } from './legal-process/legal-process.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { RequestPackagesModule } from './request-packages/request-packages.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { SubjectsModule } from './subjects/subjects.module.js';
import { SuppressionsModule } from './suppressions/suppressions.module.js';
import { MailModule } from './mail/mail.module.js';
import { UsersModule } from './users/users.module.js';
import { ViolationsModule } from './violations/violations.module.js';
import { setConsolePageHeaders } from './common/http/console-assets.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, clock?: Clock): DynamicModule {
    const uiDist = config.env.ADMIN_UI_DIST;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        DatabaseModule,
        AuditModule,
        JobsModule,
        ExportsModule,
        AuthModule,
        UsersModule,
        MailModule,
        ApiKeysModule,
        SubjectsModule,
        RequestsModule,
        RequestPackagesModule,
        ReportsModule,
        DocumentsModule,
        ViolationsModule,
        SuppressionsModule,
        DisclosuresModule,
        LegalProcessModule,
        DashboardModule,
        RetentionModule,
        HealthModule,
        DemoModule,
        ...(config.env.ENABLE_DIAGNOSTICS ? [DiagnosticsModule] : []),
        ...(uiDist && existsSync(uiDist)
          ? [
              ServeStaticModule.forRoot({
                rootPath: uiDist,
                exclude: ['/api/{*path}', '/privacy', '/privacy/{*path}'],
                serveStaticOptions: { setHeaders: setConsolePageHeaders },
              }),
            ]
          : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
