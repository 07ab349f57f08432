import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_OWNER_TYPES, DOCUMENT_ROLE_LABELS, DOCUMENT_ROLES } from '@privacy-desk/shared';
import type {
  DocumentAttachmentDto as DocumentAttachmentShape,
  DocumentOwnerType,
  DocumentRole,
  UserRef,
} from '@privacy-desk/shared';
import { IsIn } from 'class-validator';
import type { DocumentAttachment } from './document-attachment.entity.js';
import type { DocumentMeta } from './document.repository.js';
import { oneOf } from '../common/errors/messages.js';

/** The form fields sent beside the file (`multipart/form-data`, the file in the field `file`). */
export class UploadDocumentDto {
  @ApiProperty({ enum: DOCUMENT_ROLES, description: 'What the document is' })
  @IsIn(DOCUMENT_ROLES, oneOf(DOCUMENT_ROLES, DOCUMENT_ROLE_LABELS))
  role: DocumentRole;
}

export class DocumentAttachmentDto implements DocumentAttachmentShape {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DOCUMENT_OWNER_TYPES }) ownerType: DocumentOwnerType;
  @ApiProperty() ownerId: string;
  @ApiProperty() sha256: string;
  @ApiProperty() filename: string;
  @ApiProperty({ enum: DOCUMENT_ROLES }) role: DocumentRole;
  @ApiProperty({ description: 'Detected from the content' }) mediaType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() attachedBy: UserRef;
  @ApiProperty() attachedAt: string;
  @ApiProperty({ example: '/api/documents/<sha256>/content' }) downloadUrl: string;

  static from(
    attachment: DocumentAttachment,
    meta: DocumentMeta | undefined,
    userName: Map<string, string>,
  ): DocumentAttachmentDto {
    return {
      id: attachment.id,
      ownerType: attachment.ownerType,
      ownerId: attachment.ownerId,
      sha256: attachment.sha256,
      filename: attachment.filename,
      role: attachment.role,
      mediaType: meta?.mediaType ?? 'application/octet-stream',
      sizeBytes: Number(meta?.sizeBytes ?? 0),
      attachedBy: {
        id: attachment.attachedById,
        name: userName.get(attachment.attachedById) ?? 'Unknown user',
      },
      attachedAt: attachment.attachedAt.toISOString(),
      downloadUrl: `/api/documents/${attachment.sha256}/content`,
    };
  }
}
