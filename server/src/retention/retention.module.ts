import { Module } from '@nestjs/common';
import { RetentionPurgeJob } from './retention-purge.job.js';
import { RetentionController } from './retention.controller.js';
import { RetentionRepository } from './retention.repository.js';
import { RetentionService } from './retention.service.js';

/** The retention purge: its daily job, its dry run and its manual run. */
@Module({
  controllers: [RetentionController],
  providers: [RetentionRepository, RetentionService, RetentionPurgeJob],
})
export class RetentionModule {}
