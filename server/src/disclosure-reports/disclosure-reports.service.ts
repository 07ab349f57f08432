import { Injectable } from '@nestjs/common';
import { disclosureReportRows } from '@privacy-desk/shared';
import type {
  DisclosureReportContent,
  DisclosureReportDto,
  DisclosureReportSentDto,
} from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { conflict, notFound, staleVersion } from '../common/errors/domain-errors.js';
import { TransactionService } from '../database/transaction.service.js';
import { AccountingService } from '../disclosures/accounting.service.js';
import { DeskCalendar } from '../disclosures/desk-calendar.js';
import { renderLetterHtml } from '../letters/letter-html.js';
import { renderLetterPdf } from '../letters/letter-pdf.js';
import type { RequestPackage } from '../request-packages/request-package.entity.js';
import { RequestPackagesService } from '../request-packages/request-packages.service.js';
import type { DisclosureReportPayload } from '../requests/kinds/index.js';
import type { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { RequestLifecycleService } from '../requests/request-lifecycle.service.js';
import { RequestsService } from '../requests/requests.service.js';
import { disclosureReportLetter } from './disclosure-report.letter.js';
import { DisclosureReportRepository } from './disclosure-report.repository.js';

/**
 * A `disclosure_report` request's work: the subject's accounting for the request's period, in
 * the view meant for the subject (gagged entries left out with no hint, repeats grouped), as
 * JSON and as a letter (HTML, PDF). Staff preview it, then send it: the copy is kept with the
 * request, the person gets a download link, and the request completes, in one transaction.
 */
@Injectable()
export class DisclosureReportsService {
  constructor(
    private readonly requests: RequestsService,
    private readonly lifecycle: RequestLifecycleService,
    private readonly accounting: AccountingService,
    private readonly calendar: DeskCalendar,
    private readonly packages: RequestPackagesService,
    private readonly reports: DisclosureReportRepository,
    private readonly tx: TransactionService,
  ) {}

  /** The preview before sending; once sent, the copy that was sent. */
  async preview(id: string): Promise<DisclosureReportDto> {
    const request = await this.reportRequest(id);
    const sent = await this.sentCopy(request.id);
    if (sent)
      return this.present(
        request,
        JSON.parse(sent.json) as DisclosureReportContent,
        sent.html,
        sent,
      );
    const content = await this.content(request);
    return this.present(request, content, renderLetterHtml(disclosureReportLetter(content)), null);
  }

  /** Stores the copy, emails the download link and completes the request (one transaction). */
  async send(actor: Actor, id: string, version: number): Promise<DisclosureReportDto> {
    return this.tx.run(async () => {
      const request = await this.reportRequest(id);
      if (request.version !== version) throw staleVersion('This request');
      const payload = JSON.parse(request.payload) as DisclosureReportPayload;
      const resolution = `Sent the accounting of disclosures from ${payload.periodStart} to ${payload.periodEnd} (HTML and PDF, by download link)`;
      // Refuse early what completing would refuse (wrong status, role, not the assignee).
      this.lifecycle.guard(actor, request, 'complete', { version, resolution });
      if (request.assigneeId !== actor.id)
        throw conflict(
          'This request is assigned to someone else; ask a manager to reassign it',
          'not_assignee',
        );
      const content = await this.content(request);
      const letter = disclosureReportLetter(content);
      const stored = await this.packages.store(actor, request, {
        purpose: 'disclosure_report',
        json: content,
        html: renderLetterHtml(letter),
        pdf: await renderLetterPdf(letter, { createdAt: this.calendar.now() }),
      });
      const sent = await this.packages.send(actor, request, stored.id);
      const completed = await this.lifecycle.apply(actor, request, 'complete', {
        version,
        resolution,
      });
      return this.present(completed, content, stored.html, sent);
    });
  }

  /** The copy that was sent (with its contents), if any. */
  private async sentCopy(requestId: string): Promise<RequestPackage | null> {
    const sent = (await this.packages.listForRequest(requestId)).find(
      (p) => p.purpose === 'disclosure_report' && p.sentAt,
    );
    return sent ? this.packages.get(sent.id) : null;
  }

  /** The report's content for a request: the subject's view of the period, as rows. */
  async content(request: PrivacyRequest): Promise<DisclosureReportContent> {
    if (!request.subjectId)
      throw conflict(
        'Link this request to its subject first: the report is that subject’s accounting',
        'subject_required',
      );
    const payload = JSON.parse(request.payload) as DisclosureReportPayload;
    const accounting = await this.accounting.accounting(request.subjectId, {
      view: 'subject',
      periodStart: payload.periodStart,
      periodEnd: payload.periodEnd,
    });
    return {
      reference: request.reference,
      subjectName: accounting.subject.name,
      periodStart: payload.periodStart,
      periodEnd: payload.periodEnd,
      preparedOn: this.calendar.today(),
      rows: disclosureReportRows(accounting),
      followUpOf: payload.followUpOfReference ?? null,
    };
  }

  private async reportRequest(id: string): Promise<PrivacyRequest> {
    const request = await this.requests.get(id);
    if (request.kind !== 'disclosure_report') throw notFound('Disclosure report request');
    return request;
  }

  private async present(
    request: PrivacyRequest,
    content: DisclosureReportContent,
    html: string,
    sent: RequestPackage | null,
  ): Promise<DisclosureReportDto> {
    return {
      requestId: request.id,
      content,
      html,
      sent: sent ? sentDto(sent) : null,
      incomplete: await this.reports.incompleteNotes(request.id),
    };
  }
}

function sentDto(p: RequestPackage): DisclosureReportSentDto {
  return {
    packageId: p.id,
    sentAt: p.sentAt!.toISOString(),
    expiresAt: p.expiresAt?.toISOString() ?? null,
    downloadCount: p.downloadCount,
    maxDownloads: p.maxDownloads || null,
  };
}
