import { Global, Module } from '@nestjs/common';
import { CsvExportService } from './csv-export.service.js';

/** CSV exports of the lists: the streaming exporter every list's controller uses. */
@Global()
@Module({
  providers: [CsvExportService],
  exports: [CsvExportService],
})
export class ExportsModule {}
