import { Global, Module } from '@nestjs/common';
import { CsvExportService } from './csv-export.service.js';
import { ExportJobRepository } from './export-job.repository.js';
import { ExportJobsService } from './export-jobs.service.js';
import { ExportsController } from './exports.controller.js';

/**
 * CSV exports of the lists: the streaming exporter every list's controller plugs into, and
 * exports run in the background with their files.
 */
@Global()
@Module({
  controllers: [ExportsController],
  providers: [CsvExportService, ExportJobRepository, ExportJobsService],
  exports: [CsvExportService],
})
export class ExportsModule {}
