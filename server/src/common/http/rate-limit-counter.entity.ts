import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';

/**
 * One fixed window of a per-IP limit (`login:203.0.113.9:29423101`). Counted in the database,
 * so several instances behind one address add up; rows past their window are purged hourly.
 */
@Entity('rate_limit_counters')
export class RateLimitCounter {
  /** `<limit>:<client IP>:<window number>`. */
  @PrimaryColumn({ type: 'varchar', length: 160 })
  key: string;

  @Column({ type: 'integer', default: 0 })
  hits: number;

  /** The end of the window: the row is useless afterwards. */
  @Index('IDX_rate_limit_counters_window_ends_at')
  @Column({ name: 'window_ends_at', type: TIMESTAMP })
  windowEndsAt: Date;
}
