import {
  applyDecorators,
  BadRequestException,
  Catch,
  HttpStatus,
  PayloadTooLargeException,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiPayloadTooLargeResponse } from '@nestjs/swagger';
import { asSentence, DOCUMENT_MAX_BYTES, DOCUMENT_ROLES, ERROR_CODES } from '@privacy-desk/shared';
import { INVALID_INPUT_MESSAGE } from '../common/errors/domain-errors.js';
import type { Response } from 'express';
import { TOO_LARGE_MESSAGE } from './documents.service.js';

const ONE_FILE = 'Send exactly one file, in the field "file"';

/**
 * Answers multer's refusals in the error contract, naming the field `file`: too big (413,
 * refused while the upload streams in, before it is all read), more than one file or an
 * unexpected field (422), a malformed multipart body (400).
 */
@Catch(PayloadTooLargeException, BadRequestException)
export class UploadErrorFilter implements ExceptionFilter {
  catch(exception: PayloadTooLargeException | BadRequestException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    if (exception instanceof PayloadTooLargeException) {
      response.status(HttpStatus.PAYLOAD_TOO_LARGE).json({
        message: asSentence(TOO_LARGE_MESSAGE),
        code: 'payload_too_large',
        errors: { file: asSentence(TOO_LARGE_MESSAGE) },
      });
      return;
    }
    const code = (exception.cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('LIMIT_')) {
      response.status(HttpStatus.UNPROCESSABLE_ENTITY).json({
        message: asSentence(INVALID_INPUT_MESSAGE),
        code: ERROR_CODES.validation,
        errors: { file: asSentence(ONE_FILE) },
      });
      return;
    }
    response.status(HttpStatus.BAD_REQUEST).json({
      message: 'The upload could not be read; send the file again.',
      code: 'bad_request',
    });
  }
}

/**
 * A document upload route: `multipart/form-data` with one `file` and a `role`, held in memory
 * (no temporary file) and cut off past DOCUMENT_MAX_BYTES while it streams.
 */
export const DocumentUpload = () =>
  applyDecorators(
    UseInterceptors(
      FileInterceptor('file', {
        limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
        defParamCharset: 'utf8',
      }),
    ),
    UseFilters(UploadErrorFilter),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file', 'role'],
        properties: {
          file: { type: 'string', format: 'binary' },
          role: { type: 'string', enum: [...DOCUMENT_ROLES] },
        },
      },
    }),
    ApiPayloadTooLargeResponse({ description: `Larger than ${DOCUMENT_MAX_BYTES} bytes` }),
  );
