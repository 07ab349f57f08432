import { DOCUMENT_MEDIA_TYPES } from '@privacy-desk/shared';

/** What multer hands over for the one uploaded file (memory storage: no temporary file). */
export interface UploadedDocumentFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export type DocumentMediaType = (typeof DOCUMENT_MEDIA_TYPES)[number];

/** How each accepted type is named to people, and the file-name extensions it goes by. */
export const MEDIA_TYPE_INFO: Record<DocumentMediaType, { label: string; extensions: string[] }> = {
  'application/pdf': { label: 'PDF', extensions: ['pdf'] },
  'image/png': { label: 'PNG image', extensions: ['png'] },
  'image/jpeg': { label: 'JPEG image', extensions: ['jpg', 'jpeg'] },
  'image/tiff': { label: 'TIFF image', extensions: ['tif', 'tiff'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word document (.docx)',
    extensions: ['docx'],
  },
};

export const ACCEPTED_TYPES_TEXT = Object.values(MEDIA_TYPE_INFO)
  .map((info) => info.label)
  .join(', ');

export function isDocumentMediaType(type: string | undefined): type is DocumentMediaType {
  return !!type && (DOCUMENT_MEDIA_TYPES as readonly string[]).includes(type);
}

/** The accepted type a file name's extension says, if any. */
export function mediaTypeOfName(filename: string): DocumentMediaType | undefined {
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (!extension) return undefined;
  return (Object.keys(MEDIA_TYPE_INFO) as DocumentMediaType[]).find((type) =>
    MEDIA_TYPE_INFO[type].extensions.includes(extension),
  );
}

const MAX_FILENAME = 255;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The name shown for an uploaded file: no folder parts (either slash), no control or
 * bidirectional-override characters, valid Unicode, at most 255 characters (the extension
 * kept). Never used as a path.
 */
export function safeFilename(original: string, fallbackExtension: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  let name = base.replace(LONE_SURROGATE, '\uFFFD').replace(UNSAFE_CHARACTERS, '').trim();
  name = name.replace(/^\.+/, '').trim();
  if (!name) name = `document.${fallbackExtension}`;
  if (name.length > MAX_FILENAME) {
    const extension = /\.[^.]{1,10}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, MAX_FILENAME - extension.length) + extension;
  }
  return name;
}

/**
 * `Content-Disposition: attachment` with the stored name: an ASCII fallback for old clients
 * and the exact name as RFC 5987 `filename*`.
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7E]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
