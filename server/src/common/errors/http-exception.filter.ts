import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { asSentence, ERROR_CODES, fieldMessages } from '@privacy-desk/shared';
import type { ApiErrorBody } from '@privacy-desk/shared';
import type { Request, Response } from 'express';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: ERROR_CODES.unauthenticated,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  405: 'method_not_allowed',
  409: ERROR_CODES.conflict,
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: ERROR_CODES.validation,
  429: ERROR_CODES.rateLimited,
};

/**
 * The one error contract: `{ message, code, errors? }` for expected errors, and a generic
 * 500 with a correlation id (the request id) for anything else. Stack traces go to the log,
 * never to the caller, and the logged error carries no driver detail (which can hold values).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    if (response.headersSent) return;
    const { status, body } = this.toBody(exception, String(request.id ?? ''));
    response.status(status).json(body);
  }

  private toBody(exception: unknown, requestId: string): { status: number; body: ApiErrorBody } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const payload = (typeof raw === 'object' && raw !== null ? raw : { message: raw }) as Record<
        string,
        unknown
      >;
      const rawMessage = Array.isArray(payload.message)
        ? payload.message.join('; ')
        : String(payload.message ?? exception.message);
      const message = asSentence(
        status === 404 && /^Cannot [A-Z]+ \//.test(rawMessage)
          ? 'There is nothing at this address'
          : rawMessage,
      );
      const code =
        typeof payload.code === 'string' ? payload.code : (CODE_BY_STATUS[status] ?? 'error');
      const body: ApiErrorBody = { message, code };
      if (payload.errors && typeof payload.errors === 'object') {
        body.errors = fieldMessages(payload.errors as Record<string, string>);
      }
      if (status >= 500) {
        this.logUnexpected(exception, requestId);
        return {
          status,
          body: {
            message: 'Something went wrong.',
            code: ERROR_CODES.internal,
            correlationId: requestId,
          },
        };
      }
      return { status, body };
    }
    this.logUnexpected(exception, requestId);
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        message: 'Something went wrong on our side. Quote the correlation id when reporting it.',
        code: ERROR_CODES.internal,
        correlationId: requestId,
      },
    };
  }

  private logUnexpected(exception: unknown, requestId: string): void {
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(
      {
        correlationId: requestId,
        error: { name: error.name, message: error.message, stack: error.stack },
      },
      'Unexpected error',
    );
  }
}
