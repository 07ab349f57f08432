import express from 'express';
import { asSentence } from '@privacy-desk/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { MAX_INPUT_DEPTH } from '../errors/text-rule.js';

const OPEN_BRACE = 0x7b; // {
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACE = 0x7d; // }
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Whether JSON text nests objects and arrays deeper than `limit`, counted outside strings.
 * Reads the raw bytes once without parsing (UTF-8 multi-byte sequences never contain these
 * ASCII bytes), so a body nested thousands of levels deep is refused before it is parsed.
 */
export function jsonNestingExceeds(raw: Uint8Array | string, limit = MAX_INPUT_DEPTH): boolean {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TOO_DEEP = () =>
  new BodyError(
    400,
    'too_deeply_nested',
    `The request body is nested too deeply; at most ${MAX_INPUT_DEPTH} levels are allowed`,
  );

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The only routes that take `multipart/form-data` (a document upload, parsed by multer in the
 * route's interceptor, with its own size limit). Paths are relative to `/api`.
 */
const MULTIPART_ROUTES = /^\/(legal-process|disclosures|violations)\/[^/]+\/documents\/?$/;

/** Whether this request is a multipart upload to one of the upload routes. */
export function isMultipartUpload(req: Request): boolean {
  return (
    req.method === 'POST' && MULTIPART_ROUTES.test(req.path) && !!req.is('multipart/form-data')
  );
}

/**
 * The suppression scrub reads its body itself, as a stream (CSV or NDJSON of any size), so the
 * JSON parser must leave it alone. Path relative to `/api`.
 */
export function isStreamedUpload(req: Request): boolean {
  return req.method === 'POST' && /^\/suppressions\/scrub\/?$/.test(req.path);
}

/** The charset a content type names, lower-cased, or undefined when it names none. */
function charsetOf(req: Request): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '');
  return match?.[1]?.toLowerCase();
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isNaN(length) || length > 0;
}

/**
 * The API's body parsing: JSON only (a write with a body of any other content type is a 415,
 * never silently an empty body), at most 1 MB, at most MAX_INPUT_DEPTH levels deep. Every
 * failure is a 4xx in the error contract `{ message, code }`.
 */
export function jsonApiBody(): RequestHandler {
  const parse = express.json({
    limit: '1mb',
    verify: (_req, _res, buf) => {
      if (jsonNestingExceeds(buf)) throw TOO_DEEP();
    },
  });
  return (req, res, next) => {
    if (!hasBody(req) || isMultipartUpload(req) || isStreamedUpload(req)) return next();
    const charset = charsetOf(req);
    if (
      (WRITE_METHODS.has(req.method) && !req.is('application/json')) ||
      (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    ) {
      res.status(415).json({
        message: 'Send the request body as UTF-8 JSON (Content-Type: application/json).',
        code: 'unsupported_media_type',
      });
      return;
    }
    parse(req, res, bodyErrorHandler(res, next, 'The request body is not valid JSON.'));
  };
}

/** The public HTML form's body: flat urlencoded fields (no nesting possible). */
export function formBody(): RequestHandler {
  const parse = express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 100 });
  return (req, res, next) =>
    parse(req, res, bodyErrorHandler(res, next, 'The form could not be read; send it again.'));
}

function bodyErrorHandler(res: Response, next: NextFunction, unreadable: string) {
  return (error?: unknown) => {
    if (!error) return next();
    const cause = error as { status?: number; code?: string; type?: string; message?: string };
    if (cause instanceof BodyError) {
      res.status(cause.status).json({ message: asSentence(cause.message), code: cause.code });
      return;
    }
    const status = cause.status ?? 400;
    if (status === 413) {
      res
        .status(413)
        .json({ message: 'The request body is too large.', code: 'payload_too_large' });
    } else if (status === 415) {
      res.status(415).json({
        message: 'The request body is in an encoding the server does not accept.',
        code: 'unsupported_media_type',
      });
    } else {
      res.status(400).json({ message: unreadable, code: 'bad_request' });
    }
  };
}
