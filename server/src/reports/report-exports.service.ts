import { HttpStatus, Injectable } from '@nestjs/common';
import { hasPermission } from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { ApiError, validationError } from '../common/errors/domain-errors.js';
import { TransactionService } from '../database/transaction.service.js';
import { renderReportPdf } from './report-pdf.js';
import { ccpaTable, slaTable, tableCsv, transparencyTable } from './report-tables.js';
import type { ReportTable } from './report-tables.js';
import { ReportsService } from './reports.service.js';

export type ReportFormat = 'csv' | 'pdf';

export interface ReportFile {
  contentType: string;
  fileName: string;
  body: string | Buffer;
}

/**
 * A report as a file (CSV, or PDF for the CCPA metrics): needs `reports.export` besides
 * `reports.read`, and is audited (who, which report, which parameters) in the same transaction.
 */
@Injectable()
export class ReportExportsService {
  constructor(
    private readonly reports: ReportsService,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The format asked for, or undefined for JSON; anything else is a 422. */
  format(value: unknown, allowed: readonly ReportFormat[]): ReportFormat | undefined {
    if (value === undefined || value === 'json') return undefined;
    const found = allowed.find((f) => f === value);
    if (!found) throw validationError({ format: `must be json or ${allowed.join(' or ')}` });
    return found;
  }

  ccpaMetrics(actor: Actor, year: unknown, format: ReportFormat): Promise<ReportFile> {
    return this.file(actor, format, async () => ccpaTable(await this.reports.ccpaMetrics(year)));
  }

  transparency(actor: Actor, period: unknown, format: ReportFormat): Promise<ReportFile> {
    return this.file(actor, format, async () =>
      transparencyTable(await this.reports.transparency(period)),
    );
  }

  sla(actor: Actor, from: unknown, to: unknown, format: ReportFormat): Promise<ReportFile> {
    return this.file(actor, format, async () => slaTable(await this.reports.sla(from, to)));
  }

  private async file(
    actor: Actor,
    format: ReportFormat,
    build: () => Promise<ReportTable>,
  ): Promise<ReportFile> {
    if (!actor.role || !hasPermission(actor.role, 'reports.export')) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'Your role cannot export reports');
    }
    return this.tx.run(async () => {
      const table = await build();
      await this.audit.record(actor, {
        action: 'report.exported',
        entityType: 'report',
        entityId: table.id,
        summary: `${table.title} exported as ${format.toUpperCase()} (${table.parameters})`,
      });
      // `ccpa-metrics-year-2026`, `sla-from-2026-01-01-to-2026-06-30`, …
      const named = table.parameters.split(' (')[0]!.replace(/[^a-zA-Z0-9-]+/g, '-');
      const base = `${table.id}-${named}`;
      if (format === 'pdf') {
        return {
          contentType: 'application/pdf',
          fileName: `${base}.pdf`,
          body: await renderReportPdf(table, this.clock.now()),
        };
      }
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: `${base}.csv`,
        body: tableCsv(table),
      };
    });
  }
}
