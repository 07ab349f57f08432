import { Column, Entity, PrimaryColumn } from 'typeorm';
import { BYTES, TIMESTAMP } from '../database/column-types.js';

/**
 * A file's bytes, addressed by their SHA-256 and kept in the database (one backup holds
 * everything, every instance sees the same files). The same bytes are stored once.
 */
@Entity('documents')
export class StoredDocument {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  sha256: string;

  /** Detected from the content, never taken from the client. */
  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: BYTES })
  content: Buffer;

  @Column({ name: 'created_at', type: TIMESTAMP })
  createdAt: Date;
}
