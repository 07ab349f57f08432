import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { Clock } from '../common/clock/clock.js';
import { KeyRing } from '../common/crypto/secrets.js';
import { AppConfig } from '../config/app-config.js';
import { JobRunnerService } from '../jobs/job-runner.service.js';
import { legacyHash, macEntry } from './audit-chain.js';
import {
  appendCheckpoint,
  checkpointFileFor,
  readCheckpointFile,
  signCheckpoint,
} from './audit-checkpoint.js';
import type { AuditCheckpoint } from './audit-checkpoint.js';
import { AuditEntryRepository } from './audit-entry.repository.js';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

/**
 * Anchors the chain outside the database: appends a signed checkpoint of the head to
 * `AUDIT_CHECKPOINT_FILE` at start, every `AUDIT_CHECKPOINT_MINUTES` (a recurring job), and at
 * graceful shutdown, each time only if the head moved on since the last checkpoint.
 */
@Injectable()
export class AuditCheckpointService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('Audit');
  readonly file: string;
  private last: AuditCheckpoint | null | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly entries: AuditEntryRepository,
    private readonly ring: KeyRing,
    private readonly clock: Clock,
    private readonly runner: JobRunnerService,
  ) {
    this.file = checkpointFileFor(config.env);
  }

  onModuleInit(): void {
    this.runner.register(AUDIT_CHECKPOINT_JOB, () => this.writeIfMoved().then(() => undefined), {
      transactional: false,
    });
    this.runner.registerRecurring(
      AUDIT_CHECKPOINT_JOB,
      this.config.env.AUDIT_CHECKPOINT_MINUTES * 60_000,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.writeIfMoved();
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Jobs still running may add entries: the final checkpoint covers them.
    await this.runner.stop();
    await this.writeIfMoved().catch((error: unknown) =>
      this.logger.error(`The final audit checkpoint was not written: ${(error as Error).message}`),
    );
  }

  /**
   * Appends a checkpoint when the head is past the last one written; returns it, or null when
   * nothing moved. A head whose own MAC does not verify is never signed.
   */
  async writeIfMoved(): Promise<AuditCheckpoint | null> {
    const head = await this.entries.findLast();
    if (!head) return null;
    if (this.last === undefined) {
      const valid = readCheckpointFile(this.file, this.ring).flatMap((l) =>
        l.ok ? [l.checkpoint] : [],
      );
      this.last = valid.reduce<AuditCheckpoint | null>(
        (a, c) => (a && a.seq >= c.seq ? a : c),
        null,
      );
    }
    if (this.last && head.seq <= this.last.seq) return null;
    const intact =
      head.keyId === null
        ? legacyHash(head) === head.hash
        : this.ring.has(head.keyId) && macEntry(head, this.ring) === head.hash;
    if (!intact) {
      this.logger.error(
        `Audit entry #${head.seq} does not verify; no checkpoint was written. Run npm run audit:verify.`,
      );
      return null;
    }
    const checkpoint = signCheckpoint(head, this.clock.now(), this.ring);
    appendCheckpoint(this.file, checkpoint);
    this.last = checkpoint;
    return checkpoint;
  }
}
