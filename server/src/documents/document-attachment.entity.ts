import type { DocumentOwnerType, DocumentRole } from '@privacy-desk/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../database/column-types.js';

/** A document attached to a legal-process record, a disclosure or a violation flag. */
@Entity('document_attachments')
@Index('IDX_document_attachments_owner', ['ownerType', 'ownerId'])
export class DocumentAttachment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'owner_type', type: 'varchar', length: 16 })
  ownerType: DocumentOwnerType;

  @Column({ name: 'owner_id', type: 'varchar', length: 36 })
  ownerId: string;

  @Index('IDX_document_attachments_sha256')
  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** The name the file was uploaded with (shown, never used as a path). */
  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ type: 'varchar', length: 16 })
  role: DocumentRole;

  @Column({ name: 'attached_by_id', type: 'varchar', length: 36 })
  attachedById: string;

  @Column({ name: 'attached_at', type: TIMESTAMP })
  attachedAt: Date;
}
