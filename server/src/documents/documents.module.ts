import { Module } from '@nestjs/common';
import { DocumentRepository } from './document.repository.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';

/** Documents (by SHA-256, in the database) attached to legal process, disclosures and flags. */
@Module({
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentRepository],
  exports: [DocumentsService],
})
export class DocumentsModule {}
