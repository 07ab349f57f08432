import type { ActorType } from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/**
 * One link of the append-only, keyed hash chain of the audit trail. `seq` is assigned under a
 * lock as the previous entry's seq + 1, so the chain has no gaps and never forks; a database
 * trigger refuses any insert that is not that new tail.
 */
@Entity('audit_entries')
@Index('IDX_audit_entries_entity', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @Index('IDX_audit_entries_at')
  @Column({ type: TIMESTAMP })
  at: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: ActorType;

  @Index('IDX_audit_entries_actor_id')
  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId: string | null;

  /** Who acted, as shown to reviewers (a staff member's name, an API client's label, "system"). */
  @Column({ name: 'actor_label', type: 'varchar', length: 200 })
  actorLabel: string;

  @Index('IDX_audit_entries_action')
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  /** A short description without personal-data values. */
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  /**
   * HMAC-SHA-256 (hex) of the entry's canonical bytes under the ring key `keyId`; for a legacy
   * entry (`keyId` null, written before the chain was keyed) a plain SHA-256.
   */
  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** Id of the key-ring key that made `hash`; null for legacy entries. */
  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true })
  keyId: string | null;
}
