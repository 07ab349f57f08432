import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { RateLimitCounterRepository } from '../common/http/rate-limit-counter.repository.js';
import { RateLimitGuard } from '../common/http/rate-limit.js';
import { UsersModule } from '../users/users.module.js';
import { AccessGuard } from './access.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { RecoveryCodeRepository } from './recovery-code.repository.js';
import { SessionPurgeJob } from './session-purge.job.js';
import { SessionsModule } from './sessions.module.js';

@Module({
  imports: [UsersModule, SessionsModule, ApiKeysModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    RateLimitGuard,
    RateLimitCounterRepository,
    SessionPurgeJob,
    RecoveryCodeRepository,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AuthService],
})
export class AuthModule {}
