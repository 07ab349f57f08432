import { Global, Module } from '@nestjs/common';
import { KeyRing } from '../common/crypto/secrets.js';
import { AppConfig } from '../config/app-config.js';
import { AuditCheckpointService } from './audit-checkpoint.service.js';
import { AuditEntityLabelRepository } from './audit-entity-label.repository.js';
import { AuditEntryRepository } from './audit-entry.repository.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [
    {
      provide: KeyRing,
      useFactory: (config: AppConfig) => KeyRing.fromEnv(config.env),
      inject: [AppConfig],
    },
    AuditService,
    AuditEntryRepository,
    AuditEntityLabelRepository,
    AuditCheckpointService,
  ],
  exports: [AuditService, AuditCheckpointService, KeyRing],
})
export class AuditModule {}
