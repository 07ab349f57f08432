import { Injectable } from '@nestjs/common';
import { REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS } from '@privacy-desk/shared';
import type { Actor } from '../../auth/actor.js';
import { Clock } from '../../common/clock/clock.js';
import { conflict, staleVersion } from '../../common/errors/domain-errors.js';
import { TransactionService } from '../../database/transaction.service.js';
import { AccountingService } from '../../disclosures/accounting.service.js';
import type { AccountingQueryDto } from '../../disclosures/disclosure.dto.js';
import { renderLetterHtml } from '../../letters/letter-html.js';
import { renderLetterPdf } from '../../letters/letter-pdf.js';
import { RequestPackagesService } from '../../request-packages/request-packages.service.js';
import type { RequestPackage } from '../../request-packages/request-package.entity.js';
import { SubjectsService } from '../../subjects/subjects.service.js';
import type { PrivacyRequest } from '../privacy-request.entity.js';
import { RequestLifecycleService } from '../request-lifecycle.service.js';
import { RequestsService } from '../requests.service.js';
import { accessLetter } from './access-letter.js';
import type { AccessPackage } from './access-package.js';
import { SUBJECT_FIELD_WORDS } from './access-package.js';
import { AccessPackageRepository } from './access-package.repository.js';
import { SubjectSuppressions } from './subject-suppressions.js';

export const DEFAULT_ACCESS_RESOLUTION =
  'We emailed you a link to download a copy of your personal information (PDF, web page and data file).';

/** Timeline lines that are staff's own and never go to the person. */
const INTERNAL_EVENTS = new Set(['note']);

/**
 * An access request's work: assemble the subject's package (fields and their history,
 * requests and answers, suppressions, the accounting in the subject's view), preview it, and
 * send it, which keeps the copy, mails the link and completes the request in one transaction.
 */
@Injectable()
export class AccessService {
  constructor(
    private readonly reader: RequestsService,
    private readonly lifecycle: RequestLifecycleService,
    private readonly subjects: SubjectsService,
    private readonly repository: AccessPackageRepository,
    private readonly suppressions: SubjectSuppressions,
    private readonly accounting: AccountingService,
    private readonly packages: RequestPackagesService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  /** The package as it would be sent now; nothing is stored. */
  async preview(
    id: string,
  ): Promise<{ json: AccessPackage; html: string; pdf: () => Promise<Buffer> }> {
    const request = await this.accessRequest(id);
    return this.build(request);
  }

  /** Keeps the package with the request, emails the link, completes the request. */
  async send(
    actor: Actor,
    id: string,
    input: { version: number; resolution?: string },
  ): Promise<{ request: PrivacyRequest; package: RequestPackage }> {
    return this.tx.run(async () => {
      const request = await this.accessRequest(id);
      if (request.version !== input.version) throw staleVersion('This request');
      const resolution = input.resolution?.trim() || DEFAULT_ACCESS_RESOLUTION;
      // Refuse the wrong status or role before any work: 409 / 403.
      this.lifecycle.guard(actor, request, 'complete', { version: input.version, resolution });
      const built = await this.build(request);
      const pkg = await this.packages.storeAndSend(actor, request, {
        purpose: 'access',
        json: built.json,
        html: built.html,
        pdf: await built.pdf(),
      });
      const completed = await this.lifecycle.apply(actor, request, 'complete', {
        version: request.version,
        resolution,
      });
      return { request: completed, package: pkg };
    });
  }

  private async accessRequest(id: string): Promise<PrivacyRequest> {
    const request = await this.reader.get(id);
    if (request.kind !== 'access')
      throw conflict('This is not an access request', 'not_an_access_request');
    if (!request.subjectId)
      throw conflict(
        'Link this request to the subject first: the package is the subject’s information',
        'no_subject',
      );
    return request;
  }

  private async build(request: PrivacyRequest) {
    const json = await this.assemble(request, request.subjectId!);
    const subject = await this.subjects.get(request.subjectId!);
    const letter = accessLetter(json, subject.name);
    const createdAt = this.clock.now();
    return {
      json,
      html: renderLetterHtml(letter),
      pdf: () => renderLetterPdf(letter, { createdAt }),
    };
  }

  private async assemble(request: PrivacyRequest, subjectId: string): Promise<AccessPackage> {
    const subject = await this.subjects.get(subjectId);
    const history = await this.subjects.history(subjectId);
    const requests = await this.repository.requestsOf(subjectId, subject.email);
    const events = await this.repository.timelines(requests.map((r) => r.id));
    const accounting = await this.accounting.accounting(subjectId, {
      view: 'subject',
    } as AccountingQueryDto);
    const values = subject as unknown as Record<string, string | null>;
    return {
      reference: request.reference,
      generatedAt: this.clock.now().toISOString(),
      fields: Object.entries(SUBJECT_FIELD_WORDS).map(([field, label]) => ({
        field,
        label,
        value: values[field] ?? null,
      })),
      fieldHistory: [...history]
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((c) => ({
          field: c.field,
          label: SUBJECT_FIELD_WORDS[c.field] ?? c.field,
          oldValue: c.oldValue,
          newValue: c.newValue,
          changedAt: c.at,
          reason: c.reason,
        })),
      requests: requests.map((r) => ({
        reference: r.reference,
        kind: r.kind,
        kindLabel: REQUEST_KIND_LABELS[r.kind],
        status: r.status,
        statusLabel: REQUEST_STATUS_LABELS[r.status],
        channel: r.channel,
        receivedAt: r.receivedAt.toISOString(),
        closedAt: r.closedAt?.toISOString() ?? null,
        request: parsePayload(r.payload),
        resolution: r.resolution,
        reason: r.reason,
        timeline: events
          .filter((e) => e.requestId === r.id && !INTERNAL_EVENTS.has(e.type))
          .map((e) => ({
            at: e.at.toISOString(),
            type: e.type,
            summary: e.summary,
            message: e.body,
          })),
      })),
      suppressions: await this.suppressions.forSubject(subjectId),
      disclosures: {
        periodStart: accounting.periodStart,
        periodEnd: accounting.periodEnd,
        entries: accounting.entries,
        groups: accounting.groups,
        ...(accounting.explanation ? { explanation: accounting.explanation } : {}),
      },
    };
  }
}

function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    return null;
  }
}
