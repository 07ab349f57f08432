import { Module } from '@nestjs/common';
import { ReportExportsService } from './report-exports.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/** The CCPA §7102 metrics, the transparency report on legal process, and the SLA report. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportExportsService, ReportsRepository],
})
export class ReportsModule {}
