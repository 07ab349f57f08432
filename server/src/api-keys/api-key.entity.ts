import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

const jsonList = {
  to: (value: string[]) => JSON.stringify(value),
  from: (value: string) => JSON.parse(value) as string[],
};

/**
 * A key an outside system uses to call the API (`Authorization: Bearer pdk_<prefix>_<secret>`).
 * Only a SHA-256 of the whole key is stored; the key itself is shown once, when it is created.
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** What the key is for, as admins see it ("Website request form"). */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The public part of the key, by which it is found and recognised in lists. */
  @Index('UQ_api_keys_prefix', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** SHA-256 (hex) of the whole key. */
  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash: string;

  /** JSON array of scopes (API_KEY_SCOPES). */
  @Column({ type: 'text', transformer: jsonList })
  scopes: string[];

  /** The admin who created the key. */
  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;

  /** Updated at most once a minute. */
  @Column({ name: 'last_used_at', type: TIMESTAMP, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: TIMESTAMP, nullable: true })
  revokedAt: Date | null;
}
