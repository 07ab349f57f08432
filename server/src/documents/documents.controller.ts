import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import type { PipeTransform } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { notFound } from '../common/errors/domain-errors.js';
import { ListParamsDto } from '../common/http/list-params.dto.js';
import { sendList } from '../common/http/send-list.js';
import { attachmentDisposition } from './document-files.js';
import type { UploadedDocumentFile } from './document-files.js';
import { DocumentUpload } from './document-upload.js';
import { DocumentAttachmentDto, UploadDocumentDto } from './document.dto.js';
import { DocumentsService } from './documents.service.js';

const OwnerId = () => Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 }));

/** A SHA-256 in lower-case hex, or a 404 (like an unknown id). */
class ParseSha256Pipe implements PipeTransform<unknown, string> {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) throw notFound('Document');
    return value;
  }
}

@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post('legal-process/:id/documents')
  @RequirePermission('disclosures.record')
  @DocumentUpload()
  @ApiOperation({
    summary: 'Attach a document (the order, our response, evidence) to legal process',
  })
  @ApiCreatedResponse({ type: DocumentAttachmentDto })
  @ApiUnprocessableEntityResponse({
    description: 'No file, or its content is not an accepted type',
  })
  async attachToLegalProcess(
    @CurrentActor() actor: Actor,
    @OwnerId() id: string,
    @Body() body: UploadDocumentDto,
    @UploadedFile() file: UploadedDocumentFile | undefined,
  ) {
    const attachment = await this.documents.attach(actor, 'legal_process', id, body.role, file);
    return (await this.documents.present([attachment]))[0];
  }

  @Post('disclosures/:id/documents')
  @RequirePermission('disclosures.record')
  @DocumentUpload()
  @ApiOperation({ summary: 'Attach a document to a disclosure still under review' })
  @ApiCreatedResponse({ type: DocumentAttachmentDto })
  async attachToDisclosure(
    @CurrentActor() actor: Actor,
    @OwnerId() id: string,
    @Body() body: UploadDocumentDto,
    @UploadedFile() file: UploadedDocumentFile | undefined,
  ) {
    const attachment = await this.documents.attach(actor, 'disclosure', id, body.role, file);
    return (await this.documents.present([attachment]))[0];
  }

  @Post('violations/:id/documents')
  @RequirePermission('violations.flag')
  @DocumentUpload()
  @ApiOperation({ summary: 'Attach evidence to a violation flag' })
  @ApiCreatedResponse({ type: DocumentAttachmentDto })
  async attachToViolation(
    @CurrentActor() actor: Actor,
    @OwnerId() id: string,
    @Body() body: UploadDocumentDto,
    @UploadedFile() file: UploadedDocumentFile | undefined,
  ) {
    const attachment = await this.documents.attach(actor, 'violation', id, body.role, file);
    return (await this.documents.present([attachment]))[0];
  }

  @Get('documents')
  @RequirePermission('disclosures.read')
  @ApiOperation({
    summary: "A record's documents",
    description:
      'Filter: ownerType and ownerId (both needed; without them the list is empty), role. Sort: attachedAt, filename, role.',
  })
  @ApiOkResponse({ type: [DocumentAttachmentDto] })
  async list(@Query() params: ListParamsDto, @Res({ passthrough: true }) res: Response) {
    return sendList(res, 'documents', await this.documents.list(params));
  }

  @Get('documents/:sha256/content')
  @RequirePermission('disclosures.read')
  @ApiOperation({ summary: "Download a document's bytes (as an attachment, never shown inline)" })
  @ApiProduces('application/octet-stream')
  @ApiNotFoundResponse({ description: 'No document has this SHA-256' })
  async content(
    @Param('sha256', new ParseSha256Pipe()) sha256: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { document, filename } = await this.documents.content(sha256);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(document.content, {
      type: document.mediaType,
      disposition: attachmentDisposition(filename),
      length: document.content.length,
    });
  }
}
