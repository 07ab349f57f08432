import type { OutboxStatus, RequestEventType } from '@privacy-desk/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';
import { PrivacyRequest } from './privacy-request.entity.js';

/** One line of a request's timeline. */
@Entity('request_events')
export class RequestEvent {
  /** Increasing: the timeline's order, also for events written in the same millisecond. */
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('IDX_request_events_request_id')
  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @ManyToOne(() => PrivacyRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: Relation<PrivacyRequest>;

  @Column({ type: TIMESTAMP })
  at: Date;

  @Column({ type: 'varchar', length: 32 })
  type: RequestEventType;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_label', type: 'varchar', length: 200 })
  actorLabel: string;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24, nullable: true })
  toStatus: string | null;

  /** A short line for the timeline. */
  @Column({ type: 'varchar', length: 500 })
  summary: string;

  /** Free text: the note, or the message sent to the requester. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** For an email event: the outbox message, whose delivery updates this event. */
  @Index('IDX_request_events_mail_id')
  @Column({ name: 'mail_id', type: 'varchar', length: 36, nullable: true })
  mailId: string | null;

  /** For an email event: the outbox status (queued, held, sent, failed) as last known. */
  @Column({ name: 'mail_status', type: 'varchar', length: 16, nullable: true })
  mailStatus: OutboxStatus | null;
}
