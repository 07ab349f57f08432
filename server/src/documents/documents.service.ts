import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_OWNER_TYPES,
  DOCUMENT_ROLE_LABELS,
  DOCUMENT_ROLES,
  labelOf,
} from '@privacy-desk/shared';
import type { AuditedRecordType, DocumentOwnerType, DocumentRole } from '@privacy-desk/shared';
import { fileTypeFromBuffer } from 'file-type';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { conflict, notFound, validationError } from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, Page, RawListParams } from '../common/list/list-query.js';
import { TransactionService } from '../database/transaction.service.js';
import { DocumentAttachment } from './document-attachment.entity.js';
import { StoredDocument } from './document.entity.js';
import {
  ACCEPTED_TYPES_TEXT,
  isDocumentMediaType,
  MEDIA_TYPE_INFO,
  mediaTypeOfName,
  safeFilename,
} from './document-files.js';
import type { UploadedDocumentFile } from './document-files.js';
import { DocumentAttachmentDto } from './document.dto.js';
import { DocumentRepository } from './document.repository.js';

export const DOCUMENT_LIST_SPEC: ListSpec = {
  sortable: { attachedAt: 'attachedAt', filename: 'filename', role: 'role' },
  filterable: {
    ownerType: { column: 'ownerType', kind: 'exact', values: DOCUMENT_OWNER_TYPES },
    ownerId: { column: 'ownerId', kind: 'exact' },
    role: { column: 'role', kind: 'exact', values: DOCUMENT_ROLES },
  },
  defaultSort: ['attachedAt', 'DESC'],
};

/** The audit trail's name for each kind of owner (the same as the owner's own entries). */
const AUDIT_ENTITY_TYPES: Record<DocumentOwnerType, AuditedRecordType> = {
  legal_process: 'legal_process',
  disclosure: 'disclosure',
  violation: 'violation_flag',
};

const OWNER_NAMES: Record<DocumentOwnerType, string> = {
  legal_process: 'Legal process',
  disclosure: 'Disclosure',
  violation: 'Violation flag',
};

const MAX_MEGABYTES = DOCUMENT_MAX_BYTES / (1024 * 1024);
export const TOO_LARGE_MESSAGE = `The file is larger than ${MAX_MEGABYTES} MB, the most a document may be`;

/**
 * Documents attached to legal process, disclosures and violation flags: stored once per
 * content (SHA-256), typed from their content, attached in one transaction with the audit.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  /**
   * Attaches one uploaded file. Everything is checked before anything is written (the file is
   * in memory only), so a refused upload leaves no row, no audit entry and no file behind.
   */
  async attach(
    actor: Actor,
    ownerType: DocumentOwnerType,
    ownerId: string,
    role: DocumentRole,
    file: UploadedDocumentFile | undefined,
  ): Promise<DocumentAttachment> {
    if (!file) throw validationError({ file: 'Choose one file to upload (the field "file")' });
    if (file.size === 0 || file.buffer.length === 0)
      throw validationError({ file: 'The file is empty' });
    if (file.buffer.length > DOCUMENT_MAX_BYTES) throw validationError({ file: TOO_LARGE_MESSAGE });
    const mediaType = await this.detectType(file);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const filename = safeFilename(file.originalname, MEDIA_TYPE_INFO[mediaType].extensions[0]!);

    return this.tx.run(async () => {
      const owner = await this.documents.findOwner(ownerType, ownerId);
      if (!owner) throw notFound(OWNER_NAMES[ownerType]);
      if (owner.reviewStatus === 'approved') {
        throw conflict(
          `${owner.reference} is approved and can no longer change; attach the document to an amending record`,
          'record_approved',
        );
      }
      const now = this.clock.now();
      const storedNow = await this.documents.insertDocumentUnlessStored(
        Object.assign(new StoredDocument(), {
          sha256,
          mediaType,
          sizeBytes: file.buffer.length,
          content: file.buffer,
          createdAt: now,
        }),
      );
      const attachment = Object.assign(new DocumentAttachment(), {
        id: randomUUID(),
        ownerType,
        ownerId,
        sha256,
        filename,
        role,
        attachedById: actor.id ?? '',
        attachedAt: now,
      } satisfies DocumentAttachment);
      await this.documents.insertAttachment(attachment);
      await this.audit.record(actor, {
        action: 'document.attached',
        entityType: AUDIT_ENTITY_TYPES[ownerType],
        entityId: ownerId,
        summary: `Attached a document (${labelOf(DOCUMENT_ROLE_LABELS, role)}, ${mediaType}, ${file.buffer.length} bytes, sha256 ${sha256.slice(0, 12)}…${storedNow ? '' : ', same bytes stored already'}) to ${owner.reference}`,
      });
      return attachment;
    });
  }

  /**
   * The type from the content (file-type), which must be an accepted one and agree with the
   * file's name and with the type the client claimed (a browser's `application/octet-stream`
   * claims nothing).
   */
  private async detectType(file: UploadedDocumentFile) {
    const detected = (await fileTypeFromBuffer(file.buffer))?.mime;
    const byName = mediaTypeOfName(file.originalname);
    const claimed = file.mimetype?.toLowerCase().split(';')[0]?.trim();
    const expected = byName ?? (isDocumentMediaType(claimed) ? claimed : undefined);
    if (!isDocumentMediaType(detected)) {
      const what = expected ? `a ${MEDIA_TYPE_INFO[expected].label}` : 'a type we accept';
      throw validationError({
        file: `The file's content is not ${what}. Accepted: ${ACCEPTED_TYPES_TEXT}.`,
      });
    }
    const label = MEDIA_TYPE_INFO[detected].label;
    if (byName !== detected) {
      throw validationError({
        file: `The file's content is a ${label}, but its name does not end in .${MEDIA_TYPE_INFO[detected].extensions[0]}; rename it to match what it is.`,
      });
    }
    if (claimed && claimed !== 'application/octet-stream' && claimed !== detected) {
      throw validationError({
        file: `The file's content is a ${label}, not the type it was sent as (${claimed.slice(0, 100)}).`,
      });
    }
    return detected;
  }

  /**
   * The documents of one record. Both `ownerType` and `ownerId` are needed; without them the
   * list is empty (there is no listing of every document).
   */
  async list(params: RawListParams): Promise<Page<DocumentAttachmentDto>> {
    const query = parseListQuery(params, DOCUMENT_LIST_SPEC);
    const keyed = (column: string) => query.filters.some((f) => f.spec.column === column);
    if (!keyed('ownerType') || !keyed('ownerId'))
      return { rows: [], total: 0, offset: query.offset };
    const page = await this.documents.findAttachmentPage(query);
    return { ...page, rows: await this.present(page.rows) };
  }

  async present(attachments: DocumentAttachment[]): Promise<DocumentAttachmentDto[]> {
    const [meta, users] = await Promise.all([
      this.documents.findMeta(attachments.map((a) => a.sha256)),
      this.documents.userNames(attachments.map((a) => a.attachedById)),
    ]);
    const metaOf = new Map(meta.map((m) => [m.sha256, m]));
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    return attachments.map((a) => DocumentAttachmentDto.from(a, metaOf.get(a.sha256), nameOf));
  }

  /** Whether a document with this SHA-256 is stored (for records that cite one). */
  exists(sha256: string): Promise<boolean> {
    return /^[0-9a-f]{64}$/.test(sha256)
      ? this.documents.documentExists(sha256)
      : Promise.resolve(false);
  }

  /** One document's bytes, type and the name it was attached under. */
  async content(sha256: string): Promise<{ document: StoredDocument; filename: string }> {
    const document = await this.documents.findContent(sha256);
    if (!document) throw notFound('Document');
    const attachment = await this.documents.findLatestAttachment(sha256);
    const fallback = `document.${isDocumentMediaType(document.mediaType) ? MEDIA_TYPE_INFO[document.mediaType].extensions[0] : 'bin'}`;
    return { document, filename: attachment?.filename ?? fallback };
  }
}
