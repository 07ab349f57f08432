import { Injectable } from '@nestjs/common';
import { CLOSED_STATUSES, retainedPayload } from '@privacy-desk/shared';
import type { RequestKind, RetentionCounts } from '@privacy-desk/shared';
import type { ObjectLiteral } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import { Disclosure } from '../disclosures/disclosure.entity.js';
import { DocumentAttachment } from '../documents/document-attachment.entity.js';
import { StoredDocument } from '../documents/document.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { RequestPackage } from '../request-packages/request-package.entity.js';
import {
  CorrectionFieldDecision,
  CorrectionReview,
} from '../requests/correction/correction.entities.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { RequestEvent } from '../requests/request-event.entity.js';
import { SubjectChange } from '../subjects/subject-change.entity.js';
import { Subject, SUBJECT_FIELDS } from '../subjects/subject.entity.js';
import { OptOutCheck } from '../suppressions/opt-out-check.entity.js';

/** What a purge is measured against: the two cutoffs and the desk's today (for gag orders). */
export interface RetentionScope {
  requestsClosedBefore: Date;
  disclosuresBefore: Date;
  /** YYYY-MM-DD in the desk's time zone: a gag order holds through its `gag_until` day. */
  today: string;
}

/** Stand-ins for blanked values of required columns (never shown as if they were real). */
export const PURGED_TEXT = 'Purged after the retention period';
export const PURGED_REQUESTER = 'Purged requester';
export const PURGED_SUBJECT = 'Purged subject';
export const PURGED_RECIPIENT = 'Purged recipient';
/** `purged-<id>@purged.invalid`: the email columns are required (subjects': unique). */
export const purgedEmailOf = (id: string) => `purged-${id}@purged.invalid`;

const OPEN_FLAG_STATUSES = ['open', 'under_review'];

/**
 * The only queries of the retention purge. Which rows are past their period and not held is
 * written once, as SQL predicates over an alias, so that the preview's counts and the run's
 * batches select exactly the same rows:
 * - a subject is *held* while it has an open request, an open violation flag (or an appeal
 *   pending) or is named by legal process under a gag order in force;
 * - a closed request past its period is held when its subject is, or when its requester has
 *   another request open (unlinked requests are matched by email);
 * - a disclosure past its period is held when one of its subjects is, or when it answered
 *   legal process under a gag order in force.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly tx: TransactionService) {}

  private get manager() {
    return this.tx.manager;
  }

  private params(scope: RetentionScope): ObjectLiteral {
    return {
      closed: [...CLOSED_STATUSES],
      openFlags: OPEN_FLAG_STATUSES,
      appealPending: 'pending',
      gagOn: true,
      today: scope.today,
      requestCutoff: scope.requestsClosedBefore,
      disclosureCutoff: scope.disclosuresBefore,
    };
  }

  private static readonly heldSubjects =
    '(SELECT hr.subject_id FROM privacy_requests hr WHERE hr.subject_id IS NOT NULL AND hr.status NOT IN (:...closed)' +
    ' UNION SELECT hf.subject_id FROM violation_flags hf WHERE hf.status IN (:...openFlags) OR hf.appeal_status = :appealPending' +
    ' UNION SELECT hs.subject_id FROM legal_process_subjects hs JOIN legal_processes hp ON hp.id = hs.legal_process_id' +
    ' WHERE hp.gag_order = :gagOn AND (hp.gag_until IS NULL OR hp.gag_until >= :today))';

  private static requestPast(r: string): string {
    return `(${r}.purged_at IS NULL AND ${r}.status IN (:...closed) AND ${r}.closed_at IS NOT NULL AND ${r}.closed_at < :requestCutoff)`;
  }

  private static requestHeld(r: string): string {
    return (
      `((${r}.subject_id IS NOT NULL AND ${r}.subject_id IN ${RetentionRepository.heldSubjects})` +
      ` OR EXISTS (SELECT 1 FROM privacy_requests ho WHERE ho.requester_email = ${r}.requester_email AND ho.status NOT IN (:...closed)))`
    );
  }

  private static requestPurgeable(r: string): string {
    return `(${RetentionRepository.requestPast(r)} AND NOT ${RetentionRepository.requestHeld(r)})`;
  }

  private static disclosurePast(d: string): string {
    return `(${d}.purged_at IS NULL AND ${d}.disclosed_at < :disclosureCutoff)`;
  }

  private static disclosureHeld(d: string): string {
    return (
      `(EXISTS (SELECT 1 FROM disclosure_subjects hd WHERE hd.disclosure_id = ${d}.id AND hd.subject_id IN ${RetentionRepository.heldSubjects})` +
      ` OR (${d}.legal_process_id IS NOT NULL AND ${d}.legal_process_id IN (SELECT hg.id FROM legal_processes hg WHERE hg.gag_order = :gagOn AND (hg.gag_until IS NULL OR hg.gag_until >= :today))))`
    );
  }

  private static disclosurePurgeable(d: string): string {
    return `(${RetentionRepository.disclosurePast(d)} AND NOT ${RetentionRepository.disclosureHeld(d)})`;
  }

  /**
   * A subject with nothing left tying it: it had requests, all of them are purged (or are
   * about to be), no disclosure of it is still within its period, and no violation flag or
   * legal process names it. Its suppression entries are not ties: they stay as they are.
   */
  private static subjectPurgeable(s: string): string {
    const R = RetentionRepository;
    return (
      `(${s}.purged_at IS NULL AND ${s}.erased_at IS NULL AND ${s}.id NOT IN ${R.heldSubjects}` +
      ` AND EXISTS (SELECT 1 FROM privacy_requests sa WHERE sa.subject_id = ${s}.id)` +
      ` AND NOT EXISTS (SELECT 1 FROM privacy_requests sb WHERE sb.subject_id = ${s}.id AND sb.purged_at IS NULL AND NOT ${R.requestPurgeable('sb')})` +
      ` AND NOT EXISTS (SELECT 1 FROM violation_flags sf WHERE sf.subject_id = ${s}.id)` +
      ` AND NOT EXISTS (SELECT 1 FROM legal_process_subjects sl WHERE sl.subject_id = ${s}.id)` +
      ` AND NOT EXISTS (SELECT 1 FROM disclosure_subjects sc JOIN disclosures sd ON sd.id = sc.disclosure_id` +
      ` WHERE sc.subject_id = ${s}.id AND sd.purged_at IS NULL AND NOT ${R.disclosurePurgeable('sd')}))`
    );
  }

  // ---- selection ----

  /** Purgeable requests, oldest closed first: `limit` of them, or all. */
  async purgeableRequests(
    scope: RetentionScope,
    limit?: number,
  ): Promise<{ id: string; reference: string }[]> {
    const qb = this.manager
      .createQueryBuilder()
      .select('r.id', 'id')
      .addSelect('r.reference', 'reference')
      .from('privacy_requests', 'r')
      .where(RetentionRepository.requestPurgeable('r'), this.params(scope))
      .orderBy('r.closed_at', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (limit) qb.limit(limit);
    return qb.getRawMany();
  }

  async purgeableDisclosures(
    scope: RetentionScope,
    limit?: number,
  ): Promise<{ id: string; reference: string }[]> {
    const qb = this.manager
      .createQueryBuilder()
      .select('d.id', 'id')
      .addSelect('d.reference', 'reference')
      .from('disclosures', 'd')
      .where(RetentionRepository.disclosurePurgeable('d'), this.params(scope))
      .orderBy('d.disclosed_at', 'ASC')
      .addOrderBy('d.id', 'ASC');
    if (limit) qb.limit(limit);
    return qb.getRawMany();
  }

  async purgeableSubjects(scope: RetentionScope, limit?: number): Promise<string[]> {
    const qb = this.manager
      .createQueryBuilder()
      .select('s.id', 'id')
      .from('subjects', 's')
      .where(RetentionRepository.subjectPurgeable('s'), this.params(scope))
      .orderBy('s.id', 'ASC');
    if (limit) qb.limit(limit);
    return (await qb.getRawMany<{ id: string }>()).map((row) => row.id);
  }

  /** Rows past their period that stay because their subject is held. */
  async heldCounts(scope: RetentionScope): Promise<{ requests: number; disclosures: number }> {
    const R = RetentionRepository;
    return {
      requests: await this.count(
        'privacy_requests',
        'r',
        `${R.requestPast('r')} AND ${R.requestHeld('r')}`,
        scope,
      ),
      disclosures: await this.count(
        'disclosures',
        'd',
        `${R.disclosurePast('d')} AND ${R.disclosureHeld('d')}`,
        scope,
      ),
    };
  }

  /** What a run would touch, per table, counted the way the run counts (the dry run). */
  async previewCounts(scope: RetentionScope): Promise<RetentionCounts> {
    const R = RetentionRepository;
    const requests = `(SELECT pr.id FROM privacy_requests pr WHERE ${R.requestPurgeable('pr')})`;
    const disclosures = `(SELECT pd.id FROM disclosures pd WHERE ${R.disclosurePurgeable('pd')})`;
    const subjects = `(SELECT ps.id FROM subjects ps WHERE ${R.subjectPurgeable('ps')})`;
    const byRequest = (table: string) =>
      this.count(table, 't', `t.request_id IN ${requests}`, scope);
    return {
      privacy_requests: await this.count('privacy_requests', 't', `t.id IN ${requests}`, scope),
      request_events: await byRequest('request_events'),
      mail_outbox: await byRequest('mail_outbox'),
      request_packages: await byRequest('request_packages'),
      correction_reviews: await byRequest('correction_reviews'),
      correction_decisions: await byRequest('correction_decisions'),
      opt_out_checks: await byRequest('opt_out_checks'),
      disclosures: await this.count('disclosures', 't', `t.id IN ${disclosures}`, scope),
      document_attachments: await this.count(
        'document_attachments',
        't',
        `t.owner_type = 'disclosure' AND t.owner_id IN ${disclosures}`,
        scope,
      ),
      documents: await this.count(
        'documents',
        't',
        `t.sha256 IN (SELECT pa.sha256 FROM document_attachments pa WHERE pa.owner_type = 'disclosure' AND pa.owner_id IN ${disclosures})` +
          ` AND NOT EXISTS (SELECT 1 FROM document_attachments pk WHERE pk.sha256 = t.sha256 AND NOT (pk.owner_type = 'disclosure' AND pk.owner_id IN ${disclosures}))` +
          ` AND NOT EXISTS (SELECT 1 FROM disclosures pc WHERE pc.consent_document_sha256 = t.sha256 AND pc.id NOT IN ${disclosures})`,
        scope,
      ),
      subjects: await this.count('subjects', 't', `t.id IN ${subjects}`, scope),
      subject_changes: await this.count(
        'subject_changes',
        't',
        `t.subject_id IN ${subjects}`,
        scope,
      ),
    };
  }

  private async count(
    table: string,
    alias: string,
    where: string,
    scope: RetentionScope,
  ): Promise<number> {
    const row = await this.manager
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .from(table, alias)
      .where(where, this.params(scope))
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  // ---- blanking (inside the caller's transaction) ----

  /** Blanks the personal data of these requests and of what hangs off them; counts per table. */
  async purgeRequests(ids: string[], now: Date): Promise<Partial<RetentionCounts>> {
    const m = this.manager;
    // Each request keeps the payload keys of its kind that hold no personal data.
    const payloads = await m
      .createQueryBuilder()
      .select('r.id', 'id')
      .addSelect('r.kind', 'kind')
      .addSelect('r.payload', 'payload')
      .from('privacy_requests', 'r')
      .where('r.id IN (:...ids) AND r.purged_at IS NULL', { ids })
      .getRawMany<{ id: string; kind: RequestKind; payload: string }>();
    for (const row of payloads)
      await m
        .createQueryBuilder()
        .update(PrivacyRequest)
        .set({ payload: retainedPayload(row.kind, row.payload) })
        .where('id = :id', { id: row.id })
        .execute();
    const requests = await m
      .createQueryBuilder()
      .update(PrivacyRequest)
      .set({
        requesterName: PURGED_REQUESTER,
        requesterEmail: () => `'purged-' || id || '@purged.invalid'`,
        resolution: null,
        reason: null,
        extensionReason: null,
        verificationTokenHash: null,
        updatedAt: now,
        purgedAt: now,
        version: () => 'version + 1',
      })
      .where('id IN (:...ids) AND purged_at IS NULL', { ids })
      .execute();
    const byRequest = { ids };
    const events = await m
      .createQueryBuilder()
      .update(RequestEvent)
      .set({ summary: PURGED_TEXT, body: null })
      .where('request_id IN (:...ids)', byRequest)
      .execute();
    const mail = await m
      .createQueryBuilder()
      .update(MailMessage)
      .set({
        to: 'purged@purged.invalid',
        subject: PURGED_TEXT,
        body: '',
        sealedLink: null,
        lastError: null,
      })
      .where('request_id IN (:...ids)', byRequest)
      .execute();
    const packages = await m
      .createQueryBuilder()
      .update(RequestPackage)
      .set({ json: '{}', html: '', pdf: Buffer.alloc(0), tokenHash: null })
      .where('request_id IN (:...ids)', byRequest)
      .execute();
    const reviews = await m
      .createQueryBuilder()
      .update(CorrectionReview)
      .set({ evidenceNotes: null })
      .where('request_id IN (:...ids)', byRequest)
      .execute();
    const decisions = await m
      .createQueryBuilder()
      .update(CorrectionFieldDecision)
      .set({ value: null, reason: null })
      .where('request_id IN (:...ids)', byRequest)
      .execute();
    const checks = await m
      .createQueryBuilder()
      .update(OptOutCheck)
      .set({ note: null })
      .where('request_id IN (:...ids)', byRequest)
      .execute();
    return {
      privacy_requests: requests.affected ?? 0,
      request_events: events.affected ?? 0,
      mail_outbox: mail.affected ?? 0,
      request_packages: packages.affected ?? 0,
      correction_reviews: reviews.affected ?? 0,
      correction_decisions: decisions.affected ?? 0,
      opt_out_checks: checks.affected ?? 0,
    };
  }

  /**
   * Blanks the recipient details of these disclosures, removes their attached documents (a
   * document's bytes go once nothing else refers to them); counts per table.
   */
  async purgeDisclosures(ids: string[], now: Date): Promise<Partial<RetentionCounts>> {
    const m = this.manager;
    const attached = await m
      .getRepository(DocumentAttachment)
      .createQueryBuilder('a')
      .select('DISTINCT a.sha256', 'sha256')
      .where("a.owner_type = 'disclosure' AND a.owner_id IN (:...ids)", { ids })
      .getRawMany<{ sha256: string }>();
    const disclosures = await m
      .createQueryBuilder()
      .update(Disclosure)
      .set({
        recipientName: PURGED_RECIPIENT,
        recipientAddress: null,
        purpose: PURGED_TEXT,
        consentNote: null,
        consentDocumentSha256: null,
        reviewNote: null,
        updatedAt: now,
        purgedAt: now,
        version: () => 'version + 1',
      })
      .where('id IN (:...ids) AND purged_at IS NULL', { ids })
      .execute();
    const attachments = await m
      .createQueryBuilder()
      .delete()
      .from(DocumentAttachment)
      .where("owner_type = 'disclosure' AND owner_id IN (:...ids)", { ids })
      .execute();
    let documents = 0;
    const shas = attached.map((row) => row.sha256);
    if (shas.length) {
      const result = await m
        .createQueryBuilder()
        .delete()
        .from(StoredDocument)
        .where(
          'sha256 IN (:...shas)' +
            ' AND NOT EXISTS (SELECT 1 FROM document_attachments k WHERE k.sha256 = documents.sha256)' +
            ' AND NOT EXISTS (SELECT 1 FROM disclosures c WHERE c.consent_document_sha256 = documents.sha256)',
          { shas },
        )
        .execute();
      documents = result.affected ?? 0;
    }
    return {
      disclosures: disclosures.affected ?? 0,
      document_attachments: attachments.affected ?? 0,
      documents,
    };
  }

  /** Blanks these subjects as a purged subject and removes their field history; counts. */
  async purgeSubjects(ids: string[], now: Date): Promise<Partial<RetentionCounts>> {
    const m = this.manager;
    const blank = Object.fromEntries(SUBJECT_FIELDS.map((field) => [field, null]));
    const subjects = await m
      .createQueryBuilder()
      .update(Subject)
      .set({
        ...blank,
        name: PURGED_SUBJECT,
        email: () => `'purged-' || id || '@purged.invalid'`,
        updatedAt: now,
        purgedAt: now,
        version: () => 'version + 1',
      })
      .where('id IN (:...ids) AND purged_at IS NULL', { ids })
      .execute();
    const changes = await m
      .createQueryBuilder()
      .delete()
      .from(SubjectChange)
      .where('subject_id IN (:...ids)', { ids })
      .execute();
    return { subjects: subjects.affected ?? 0, subject_changes: changes.affected ?? 0 };
  }
}
