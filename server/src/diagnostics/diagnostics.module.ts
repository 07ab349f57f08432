import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, HttpCode, Injectable, Module, OnModuleInit, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { AuditService } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../auth/actor.js';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';

/**
 * Test support, mounted only with ENABLE_DIAGNOSTICS (refused in production): probe jobs
 * whose one side effect is an audit entry, so that tests can count how often each ran
 * across several server processes.
 */
export const PROBE_JOB = 'diagnostics.probe';
export const TICK_JOB = 'diagnostics.tick';

export class EnqueueProbesDto {
  @ApiProperty({ minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  count: number;

  @ApiProperty({
    minimum: 0,
    maximum: 60000,
    description: 'How long each probe works before its side effect',
  })
  @IsInt()
  @Min(0)
  @Max(60_000)
  sleepMs: number;
}

export class EnqueuedProbesDto {
  @ApiProperty({ type: [String] }) keys: string[];
}

@Injectable()
export class DiagnosticsService implements OnModuleInit {
  constructor(
    private readonly runner: JobRunnerService,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.runner.register(PROBE_JOB, async (payload) => {
      const { key, sleepMs } = payload as { key: string; sleepMs: number };
      if (sleepMs > 0) await sleep(sleepMs);
      await this.audit.record(SYSTEM_ACTOR, {
        action: 'diagnostics.probe_ran',
        entityType: 'probe',
        entityId: key,
        summary: `Probe ran in ${this.runner.workerId}`,
      });
    });
    this.runner.register(TICK_JOB, async (payload) => {
      await this.audit.record(SYSTEM_ACTOR, {
        action: 'diagnostics.tick',
        entityType: 'period',
        entityId: (payload as { periodStart: string }).periodStart,
        summary: `Recurring tick ran in ${this.runner.workerId}`,
      });
    });
    this.runner.registerRecurring(TICK_JOB, this.config.env.DIAGNOSTICS_TICK_SECONDS * 1000);
  }

  async enqueueProbes(actor: Actor, count: number, sleepMs: number): Promise<string[]> {
    const keys = Array.from({ length: count }, () => randomUUID());
    await this.tx.run(async () => {
      for (const key of keys) await this.runner.enqueue(PROBE_JOB, { key, sleepMs });
      await this.audit.record(actor, {
        action: 'diagnostics.probes_enqueued',
        entityType: 'probe',
        summary: `Queued ${count} probe job(s)`,
      });
    });
    return keys;
  }
}

@ApiTags('diagnostics')
@Controller('diagnostics')
export class DiagnosticsController {
  constructor(private readonly diagnostics: DiagnosticsService) {}

  @Post('probes')
  @HttpCode(200)
  @RequirePermission('jobs.manage')
  @ApiOperation({ summary: 'Queue probe jobs (test support; only with ENABLE_DIAGNOSTICS)' })
  @ApiOkResponse({ type: EnqueuedProbesDto })
  async enqueue(
    @CurrentActor() actor: Actor,
    @Body() body: EnqueueProbesDto,
  ): Promise<EnqueuedProbesDto> {
    return { keys: await this.diagnostics.enqueueProbes(actor, body.count, body.sleepMs) };
  }
}

@Module({ controllers: [DiagnosticsController], providers: [DiagnosticsService] })
export class DiagnosticsModule {}
