import { Global, Module } from '@nestjs/common';
import { JobHistoryPurgeJob } from './job-history-purge.job.js';
import { JobRepository } from './job.repository.js';
import { JobRunnerService } from './job-runner.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsService } from './jobs.service.js';

/** The job runner, shared by every feature that has background work. */
@Global()
@Module({
  controllers: [JobsController],
  providers: [JobRepository, JobRunnerService, JobsService, JobHistoryPurgeJob],
  exports: [JobRunnerService],
})
export class JobsModule {}
