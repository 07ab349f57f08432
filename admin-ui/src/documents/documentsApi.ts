import type { DocumentAttachmentDto, DocumentOwnerType, DocumentRole } from '@privacy-desk/shared';

import { apiFetch, apiUpload } from '../api';

/** Where each kind of record takes its uploads. */
const UPLOAD_PATHS: Record<DocumentOwnerType, string> = {
  legal_process: 'legal-process',
  disclosure: 'disclosures',
  violation: 'violations',
};

/** GET /api/documents for one record (newest first). */
export function listDocuments(
  ownerType: DocumentOwnerType,
  ownerId: string,
): Promise<DocumentAttachmentDto[]> {
  const query = new URLSearchParams({
    filter: JSON.stringify({ ownerType, ownerId }),
    sort: JSON.stringify(['attachedAt', 'DESC']),
    range: JSON.stringify([0, 199]),
  });
  return apiFetch<DocumentAttachmentDto[]>(`/documents?${query.toString()}`);
}

/** POST multipart (one `file`, a `role`) to the record's upload route, with the CSRF header. */
export function uploadDocument(
  ownerType: DocumentOwnerType,
  ownerId: string,
  file: File,
  role: DocumentRole,
): Promise<DocumentAttachmentDto> {
  const form = new FormData();
  form.append('role', role);
  form.append('file', file, file.name);
  return apiUpload<DocumentAttachmentDto>(
    `/${UPLOAD_PATHS[ownerType]}/${encodeURIComponent(ownerId)}/documents`,
    form,
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
