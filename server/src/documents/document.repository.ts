import { Injectable } from '@nestjs/common';
import type { DocumentOwnerType, ReviewStatus } from '@privacy-desk/shared';
import { In } from 'typeorm';
import { findPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { Disclosure } from '../disclosures/disclosure.entity.js';
import { LegalProcess } from '../legal-process/legal-process.entity.js';
import { User } from '../users/user.entity.js';
import { ViolationFlag } from '../violations/violation-flag.entity.js';
import { DocumentAttachment } from './document-attachment.entity.js';
import { StoredDocument } from './document.entity.js';

/** The record a document is attached to, as far as attaching cares. */
export interface DocumentOwner {
  reference: string;
  reviewStatus: ReviewStatus | null;
}

export type DocumentMeta = Pick<StoredDocument, 'sha256' | 'mediaType' | 'sizeBytes'>;

/** The only queries over stored documents and their attachments. */
@Injectable()
export class DocumentRepository {
  constructor(private readonly tx: TransactionService) {}

  private get documents() {
    return this.tx.manager.getRepository(StoredDocument);
  }

  private get attachments() {
    return this.tx.manager.getRepository(DocumentAttachment);
  }

  async findOwner(ownerType: DocumentOwnerType, id: string): Promise<DocumentOwner | null> {
    const manager = this.tx.manager;
    switch (ownerType) {
      case 'legal_process': {
        const row = await manager
          .getRepository(LegalProcess)
          .findOne({ select: { reference: true, reviewStatus: true }, where: { id } });
        return row ? { reference: row.reference, reviewStatus: row.reviewStatus } : null;
      }
      case 'disclosure': {
        const row = await manager
          .getRepository(Disclosure)
          .findOne({ select: { reference: true, reviewStatus: true }, where: { id } });
        return row ? { reference: row.reference, reviewStatus: row.reviewStatus } : null;
      }
      case 'violation': {
        const row = await manager
          .getRepository(ViolationFlag)
          .findOne({ select: { reference: true }, where: { id } });
        return row ? { reference: row.reference, reviewStatus: null } : null;
      }
    }
  }

  /** Stores the bytes unless the same bytes are stored already. True if stored now. */
  async insertDocumentUnlessStored(document: StoredDocument): Promise<boolean> {
    if (await this.documentExists(document.sha256)) return false;
    await this.documents
      .createQueryBuilder()
      .insert()
      .into(StoredDocument)
      .values(document)
      .orIgnore()
      .execute();
    return true;
  }

  async documentExists(sha256: string): Promise<boolean> {
    return (await this.documents.countBy({ sha256 })) > 0;
  }

  async insertAttachment(attachment: DocumentAttachment): Promise<void> {
    await this.attachments.insert(attachment);
  }

  findAttachmentPage(query: ListQuery): Promise<Page<DocumentAttachment>> {
    return findPage(this.attachments.createQueryBuilder('attachment'), query);
  }

  /** Type and size of stored documents (never their bytes). */
  findMeta(sha256s: string[]): Promise<DocumentMeta[]> {
    const unique = [...new Set(sha256s)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.documents.find({
      select: { sha256: true, mediaType: true, sizeBytes: true },
      where: { sha256: In(unique) },
    });
  }

  /** The bytes of one document, with its type. */
  findContent(sha256: string): Promise<StoredDocument | null> {
    return this.documents.findOneBy({ sha256 });
  }

  /** The name it was last attached under (for the download's file name). */
  findLatestAttachment(sha256: string): Promise<DocumentAttachment | null> {
    return this.attachments.findOne({
      where: { sha256 },
      order: { attachedAt: 'DESC', id: 'DESC' },
    });
  }

  userNames(ids: string[]): Promise<Pick<User, 'id' | 'name'>[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return Promise.resolve([]);
    return this.tx.manager
      .getRepository(User)
      .find({ select: { id: true, name: true }, where: { id: In(unique) } });
  }
}
