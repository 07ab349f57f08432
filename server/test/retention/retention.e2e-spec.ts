import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { RequestStatus, RetentionCounts } from '@privacy-desk/shared';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { SYSTEM_ACTOR } from '../../src/auth/actor.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { Disclosure } from '../../src/disclosures/disclosure.entity.js';
import { DisclosureSubject } from '../../src/disclosures/disclosure-subject.entity.js';
import { DocumentAttachment } from '../../src/documents/document-attachment.entity.js';
import { StoredDocument } from '../../src/documents/document.entity.js';
import { Job } from '../../src/jobs/job.entity.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import { LegalProcessSubject } from '../../src/legal-process/legal-process-subject.entity.js';
import { LegalProcess } from '../../src/legal-process/legal-process.entity.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { RequestPackage } from '../../src/request-packages/request-package.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { RequestEvent } from '../../src/requests/request-event.entity.js';
import { RetentionService } from '../../src/retention/retention.service.js';
import {
  RETENTION_PURGE_JOB,
  RETENTION_PURGE_PERIOD_MS,
} from '../../src/retention/retention-purge.job.js';
import { SubjectChange } from '../../src/subjects/subject-change.entity.js';
import { Subject } from '../../src/subjects/subject.entity.js';
import { Suppression } from '../../src/suppressions/suppression.entity.js';
import { ViolationFlag } from '../../src/violations/violation-flag.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const monthsAgo = (months: number) => {
  const d = new Date(NOW);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};
const SYSTEM_USER = randomUUID();

/**
 * A hand-built fixture on an injected clock: who is past which period, and who is held.
 *   old       request closed 25 months ago, with events, mail, a package, field history, an
 *             active suppression and a 7-year-old disclosure with a document: all purged
 *             (the subject too: nothing ties it), the suppression kept;
 *   recent    request closed 23 months ago and a 5-year-old disclosure: kept;
 *   open      request closed 25 months ago, another still open: held;
 *   flagged   request closed 25 months ago, an open violation flag, a 7-year-old disclosure: held;
 *   gagged    request closed 25 months ago, named by legal process under a gag order in force,
 *             whose 7-year-old disclosure is held too;
 *   lapsed    request closed 25 months ago, named by legal process whose gag lapsed: the
 *             request is purged, the subject stays (the legal process still names it);
 *   unlinked  a request closed 25 months ago with no subject, whose requester has another
 *             request open: held.
 */
async function buildFixture(testApp: TestApp) {
  const ds = testApp.dataSource;
  let n = 0;
  const subject = async (name: string) => {
    const row = Object.assign(new Subject(), {
      id: randomUUID(),
      name,
      company: 'Acme',
      addressLine1: '1 Main Street',
      addressLine2: null,
      city: 'Springfield',
      region: null,
      postalCode: '12345',
      country: 'US',
      email: `${name.toLowerCase().replace(/\W/g, '.')}@example.com`,
      phone: '+15555550100',
      jobTitle: 'Engineer',
      dateOfBirth: '1980-01-01',
      isMinor: false,
      erasedAt: null,
      purgedAt: null,
      createdAt: monthsAgo(40),
      updatedAt: monthsAgo(40),
      version: 1,
    });
    await ds.getRepository(Subject).insert(row);
    return row;
  };
  const request = async (
    subjectId: string | null,
    status: RequestStatus,
    closedMonthsAgo: number | null,
    requesterEmail: string,
  ) => {
    n += 1;
    const received = monthsAgo((closedMonthsAgo ?? 0) + 1);
    const row = Object.assign(new PrivacyRequest(), {
      id: randomUUID(),
      reference: `PR-2024-${String(900000 + n)}`,
      kind: 'access',
      channel: 'web_form',
      jurisdiction: 'ccpa',
      status,
      requesterName: `Requester ${n}`,
      requesterEmail,
      subjectId,
      assigneeId: null,
      assignmentKind: null,
      leaseExpiresAt: null,
      receivedAt: received,
      dueAt: new Date(received.getTime() + 45 * 86_400_000),
      extendedAt: null,
      extensionReason: status === 'rejected' ? null : 'Needed more time to find the records',
      resolution: status === 'completed' ? 'Sent the data of Requester to them' : null,
      reason: status === 'rejected' ? 'Identity could not be verified' : null,
      denialReason: status === 'rejected' ? 'identity_not_verified' : null,
      payload: JSON.stringify({ format: 'pdf', details: `Everything about ${requesterEmail}` }),
      duplicateOfId: null,
      enteredById: null,
      verificationTokenHash: 'f'.repeat(60) + String(1000 + n),
      verificationExpiresAt: received,
      verifiedAt: received,
      closedAt: closedMonthsAgo === null ? null : monthsAgo(closedMonthsAgo),
      purgedAt: null,
      createdAt: received,
      updatedAt: received,
      version: 3,
    });
    await ds.getRepository(PrivacyRequest).insert(row);
    return row;
  };
  const event = (requestId: string, body: string) =>
    ds.getRepository(RequestEvent).insert({
      requestId,
      at: monthsAgo(26),
      type: 'note',
      actorType: 'user',
      actorId: SYSTEM_USER,
      actorLabel: 'Sam Staff',
      fromStatus: null,
      toStatus: null,
      summary: `Note about ${body}`,
      body,
      mailId: null,
      mailStatus: null,
    } as Partial<RequestEvent> as RequestEvent);
  const legalProcess = async (subjectIds: string[], gagUntil: string | null) => {
    n += 1;
    const row = Object.assign(new LegalProcess(), {
      id: randomUUID(),
      reference: `LP-2019-${String(900000 + n)}`,
      type: 'court_order',
      status: 'closed',
      outcome: null,
      issuingAuthority: 'District Court',
      requestingAgency: null,
      requestingOfficer: null,
      identityVerification: null,
      jurisdiction: 'US-CA',
      caseNumber: `CASE-${n}`,
      receivedAt: monthsAgo(90),
      responseDueAt: monthsAgo(89),
      dataCategories: ['name'],
      periodStart: null,
      periodEnd: null,
      notes: null,
      legalReviewerId: null,
      responseSummary: null,
      respondedAt: null,
      respondedById: null,
      reviewStatus: null,
      reviewedById: null,
      reviewedAt: null,
      reviewNote: null,
      gagOrder: true,
      gagUntil,
      gagLapseHandledAt: null,
      recordedById: SYSTEM_USER,
      closedAt: monthsAgo(88),
      createdAt: monthsAgo(90),
      updatedAt: monthsAgo(88),
      version: 1,
    });
    await ds.getRepository(LegalProcess).insert(row);
    for (const subjectId of subjectIds)
      await ds.getRepository(LegalProcessSubject).insert({
        legalProcessId: row.id,
        subjectId,
        noticeRequestId: null,
        notifiedAt: null,
      });
    return row;
  };
  const disclosure = async (
    subjectIds: string[],
    monthsOld: number,
    legalProcessId: string | null = null,
  ) => {
    n += 1;
    const row = Object.assign(new Disclosure(), {
      id: randomUUID(),
      reference: `DL-2019-${String(900000 + n)}`,
      aggregated: false,
      recipientName: 'Jane Recipient',
      recipientType: legalProcessId ? 'court' : 'business_partner',
      recipientAddress: '2 Partner Road',
      basis: legalProcessId ? 'legal_process' : 'consent',
      purpose: 'Shared the name of the subject',
      dataCategories: ['name', 'email'],
      disclosedAt: monthsAgo(monthsOld),
      legalProcessId,
      consentRequestId: null,
      consentDocumentSha256: null,
      consentNote: legalProcessId ? null : 'Consent given on the phone by the subject',
      consentGivenOn: legalProcessId ? null : '2019-01-01',
      reviewStatus: 'approved',
      reviewedById: SYSTEM_USER,
      reviewedAt: monthsAgo(monthsOld),
      reviewNote: 'Looks right',
      amendsId: null,
      recordedById: SYSTEM_USER,
      purgedAt: null,
      createdAt: monthsAgo(monthsOld),
      updatedAt: monthsAgo(monthsOld),
      version: 1,
    });
    await ds.getRepository(Disclosure).insert(row);
    for (const subjectId of subjectIds)
      await ds
        .getRepository(DisclosureSubject)
        .insert({ disclosureId: row.id, subjectId, violationFlagId: null });
    return row;
  };

  const old = await subject('Olive Old');
  const recent = await subject('Rita Recent');
  const open = await subject('Otto Open');
  const flagged = await subject('Fay Flagged');
  const gagged = await subject('Gus Gagged');
  const lapsed = await subject('Lena Lapsed');

  const oldRequest = await request(old.id, 'completed', 25, old.email);
  await event(oldRequest.id, 'Called Olive on +1 555 0100');
  await event(oldRequest.id, 'Olive sent her passport');
  await ds.getRepository(MailMessage).insert({
    id: randomUUID(),
    to: old.email,
    subject: 'Your request',
    body: 'Dear Olive Old, here is your data.',
    sealedLink: null,
    template: 'acknowledgement',
    status: 'held',
    requestId: oldRequest.id,
    createdAt: monthsAgo(26),
    sentAt: null,
    attempts: 0,
    lastError: null,
    messageId: null,
  } as MailMessage);
  await ds.getRepository(RequestPackage).insert({
    id: randomUUID(),
    requestId: oldRequest.id,
    purpose: 'access',
    json: JSON.stringify({ name: 'Olive Old' }),
    html: '<p>Olive Old</p>',
    pdf: Buffer.from('%PDF-1.4 Olive Old'),
    createdBy: SYSTEM_USER,
    createdAt: monthsAgo(26),
    sentAt: monthsAgo(26),
    tokenHash: 'a'.repeat(64),
    expiresAt: monthsAgo(25),
    maxDownloads: 5,
    downloadCount: 1,
    version: 1,
  } as RequestPackage);
  await ds.getRepository(SubjectChange).insert({
    id: randomUUID(),
    subjectId: old.id,
    field: 'city',
    oldValue: 'Shelbyville',
    newValue: 'Springfield',
    changedByType: 'user',
    changedById: SYSTEM_USER,
    changedByLabel: 'Sam Staff',
    reason: 'staff edit',
    at: monthsAgo(30),
  });
  await ds.getRepository(Suppression).insert({
    id: randomUUID(),
    subjectId: old.id,
    channel: 'email',
    value: old.email,
    valueHash: 'b'.repeat(64),
    scope: 'marketing_contact',
    sourceRequestId: oldRequest.id,
    sourceReference: oldRequest.reference,
    effectiveAt: monthsAgo(26),
    stopBy: '2024-10-15',
    stopByCitation: 'CAN-SPAM',
    revokedAt: null,
    revokedByRequestId: null,
    revokeReason: null,
    createdAt: monthsAgo(26),
    version: 1,
  });
  const oldDisclosure = await disclosure([old.id], 7 * 12);
  await ds.getRepository(StoredDocument).insert({
    sha256: 'c'.repeat(64),
    mediaType: 'application/pdf',
    sizeBytes: 9,
    content: Buffer.from('%PDF-1.4 '),
    createdAt: monthsAgo(84),
  } as StoredDocument);
  await ds.getRepository(DocumentAttachment).insert({
    id: randomUUID(),
    ownerType: 'disclosure',
    ownerId: oldDisclosure.id,
    sha256: 'c'.repeat(64),
    filename: 'olive-consent.pdf',
    role: 'consent',
    attachedById: SYSTEM_USER,
    attachedAt: monthsAgo(84),
  } as DocumentAttachment);

  const recentRequest = await request(recent.id, 'rejected', 23, recent.email);
  const recentDisclosure = await disclosure([recent.id], 5 * 12);

  const openOld = await request(open.id, 'completed', 25, open.email);
  await request(open.id, 'in_progress', null, open.email);

  const flaggedOld = await request(flagged.id, 'completed', 25, flagged.email);
  await ds.getRepository(ViolationFlag).insert(
    Object.assign(new ViolationFlag(), {
      id: randomUUID(),
      reference: 'VF-2026-900001',
      subjectId: flagged.id,
      category: 'fraud',
      severity: 'high',
      termsClause: '4.2',
      description: 'Chargebacks',
      evidenceText: null,
      evidenceLinks: [],
      source: 'report',
      status: 'open',
      decidedById: null,
      decidedAt: null,
      decisionReason: null,
      enforcementAction: null,
      appealStatus: null,
      appealReason: null,
      appealedAt: null,
      appealDecidedById: null,
      appealDecidedAt: null,
      appealDecisionReason: null,
      flaggedById: SYSTEM_USER,
      createdAt: monthsAgo(1),
      updatedAt: monthsAgo(1),
      version: 1,
    }),
  );
  const flaggedDisclosure = await disclosure([flagged.id], 7 * 12);

  const gaggedOld = await request(gagged.id, 'completed', 25, gagged.email);
  const gag = await legalProcess([gagged.id], null);
  const gaggedDisclosure = await disclosure([gagged.id], 7 * 12, gag.id);

  const lapsedOld = await request(lapsed.id, 'withdrawn', 25, lapsed.email);
  await event(lapsedOld.id, 'Lena withdrew by phone');
  await legalProcess([lapsed.id], '2025-06-30');

  const unlinkedOld = await request(null, 'completed', 25, 'walk.in@example.com');
  await request(null, 'new', null, 'walk.in@example.com');

  return {
    subjects: { old, recent, open, flagged, gagged, lapsed },
    purged: { requests: [oldRequest, lapsedOld], disclosures: [oldDisclosure] },
    kept: {
      requests: [recentRequest, openOld, flaggedOld, gaggedOld, unlinkedOld],
      disclosures: [recentDisclosure, flaggedDisclosure, gaggedDisclosure],
    },
  };
}

const EXPECTED: RetentionCounts = {
  privacy_requests: 2,
  request_events: 3,
  mail_outbox: 1,
  request_packages: 1,
  correction_reviews: 0,
  correction_decisions: 0,
  opt_out_checks: 0,
  disclosures: 1,
  document_attachments: 1,
  documents: 1,
  subjects: 1,
  subject_changes: 1,
};

describe('retention purge', () => {
  const clock = new ManualClock(NOW);
  let testApp: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let fixture: Awaited<ReturnType<typeof buildFixture>>;

  /** Every table the purge may touch, as rows, to prove a dry run changes nothing. */
  const snapshot = async () => {
    const tables: Record<string, unknown[]> = {};
    for (const entity of [
      PrivacyRequest,
      RequestEvent,
      MailMessage,
      RequestPackage,
      Subject,
      SubjectChange,
      Disclosure,
      DisclosureSubject,
      DocumentAttachment,
      StoredDocument,
      Suppression,
    ])
      tables[entity.name] = (
        await testApp.dataSource.getRepository(entity as typeof Subject).find()
      )
        .map((row) => JSON.stringify(row))
        .sort();
    return JSON.stringify(tables);
  };
  const purgeEntries = () =>
    testApp.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'retention.purged' }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    admin = await signIn(testApp, DEMO_EMAILS.admin);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
    fixture = await buildFixture(testApp);
  });
  afterAll(() => testApp.close());

  it('lets compliance officers and admins preview, only admins run', async () => {
    await officer.agent.get('/api/retention/preview').expect(200);
    for (const role of ['staff', 'manager'] as const) {
      const who = await signIn(testApp, DEMO_EMAILS[role]);
      await who.agent.get('/api/retention/preview').expect(403);
      await who.agent.post('/api/retention/run').set(who.csrf).expect(403);
    }
    await officer.agent.post('/api/retention/run').set(officer.csrf).expect(403);
    expect(await purgeEntries()).toEqual([]);
  });

  it('a dry run lists exactly what would go, with the periods, and changes nothing', async () => {
    const before = await snapshot();
    const res = await officer.agent.get('/api/retention/preview').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, at: NOW.toISOString(), batches: 0 });
    expect(res.body.counts).toEqual(EXPECTED);
    expect([...res.body.requests].sort()).toEqual(
      fixture.purged.requests.map((r) => r.reference).sort(),
    );
    expect(res.body.disclosures).toEqual([fixture.purged.disclosures[0]!.reference]);
    expect(res.body.subjects).toEqual([fixture.subjects.old.id]);
    expect(res.body.held).toEqual({ requests: 4, disclosures: 2 });
    expect(res.body.periods.map((p: { id: string; cutoff: string }) => [p.id, p.cutoff])).toEqual([
      ['closed_requests', '2024-11-30T12:00:00.000Z'],
      ['disclosure_log', '2020-11-30T12:00:00.000Z'],
    ]);
    expect(res.body.periods[0].citation).toContain('§7101');
    // No personal data in the answer.
    expect(res.text).not.toMatch(/Olive|example\.com|Requester \d/);
    expect(await snapshot()).toBe(before);
    expect(await purgeEntries()).toEqual([]);
  });

  it('a run blanks exactly those rows, keeps the figures, and audits the counts', async () => {
    const res = await admin.agent.post('/api/retention/run').set(admin.csrf).expect(200);
    expect(res.body).toMatchObject({ dryRun: false, counts: EXPECTED, batches: 3 });
    const ds = testApp.dataSource;

    for (const before of fixture.purged.requests) {
      const after = await ds.getRepository(PrivacyRequest).findOneByOrFail({ id: before.id });
      expect(after).toMatchObject({
        requesterName: 'Purged requester',
        requesterEmail: `purged-${before.id}@purged.invalid`,
        payload: '{"format":"pdf"}',
        resolution: null,
        reason: null,
        extensionReason: null,
        verificationTokenHash: null,
        version: before.version + 1,
        // The figures the reports need stay.
        kind: before.kind,
        status: before.status,
        jurisdiction: before.jurisdiction,
        reference: before.reference,
        subjectId: before.subjectId,
        denialReason: before.denialReason,
      });
      expect(after.purgedAt?.toISOString()).toBe(NOW.toISOString());
      expect(after.receivedAt.toISOString()).toBe(before.receivedAt.toISOString());
      expect(after.dueAt.toISOString()).toBe(before.dueAt.toISOString());
      expect(after.closedAt?.toISOString()).toBe(before.closedAt?.toISOString());
      const events = await ds.getRepository(RequestEvent).findBy({ requestId: before.id });
      expect(events.length).toBeGreaterThan(0);
      for (const e of events)
        expect(e).toMatchObject({
          body: null,
          summary: 'Purged after the retention period',
          type: 'note',
          actorLabel: 'Sam Staff',
        });
    }
    const [oldRequest] = fixture.purged.requests;
    expect(
      await ds.getRepository(MailMessage).findOneByOrFail({ requestId: oldRequest!.id }),
    ).toMatchObject({
      to: 'purged@purged.invalid',
      subject: 'Purged after the retention period',
      body: '',
      status: 'held',
    });
    const pkg = await ds
      .getRepository(RequestPackage)
      .findOneByOrFail({ requestId: oldRequest!.id });
    expect(pkg).toMatchObject({ json: '{}', html: '', tokenHash: null, downloadCount: 1 });
    expect(pkg.pdf.length).toBe(0);

    const old = await ds.getRepository(Subject).findOneByOrFail({ id: fixture.subjects.old.id });
    expect(old).toMatchObject({
      name: 'Purged subject',
      email: `purged-${old.id}@purged.invalid`,
      company: null,
      addressLine1: null,
      city: null,
      postalCode: null,
      phone: null,
      dateOfBirth: null,
      version: 2,
    });
    expect(old.purgedAt?.toISOString()).toBe(NOW.toISOString());
    expect(await ds.getRepository(SubjectChange).countBy({ subjectId: old.id })).toBe(0);
    // Opt-outs are forever: the suppression keeps its value and its link.
    expect(
      await ds.getRepository(Suppression).findOneByOrFail({ subjectId: old.id }),
    ).toMatchObject({ value: fixture.subjects.old.email, revokedAt: null });

    const [oldDisclosure] = fixture.purged.disclosures;
    const d = await ds.getRepository(Disclosure).findOneByOrFail({ id: oldDisclosure!.id });
    expect(d).toMatchObject({
      recipientName: 'Purged recipient',
      recipientAddress: null,
      purpose: 'Purged after the retention period',
      consentNote: null,
      reviewNote: null,
      recipientType: 'business_partner',
      basis: 'consent',
      dataCategories: ['name', 'email'],
      reference: oldDisclosure!.reference,
    });
    expect(d.disclosedAt.toISOString()).toBe(oldDisclosure!.disclosedAt.toISOString());
    expect(await ds.getRepository(DisclosureSubject).countBy({ disclosureId: d.id })).toBe(1);
    expect(await ds.getRepository(DocumentAttachment).countBy({ ownerId: d.id })).toBe(0);
    expect(await ds.getRepository(StoredDocument).countBy({ sha256: 'c'.repeat(64) })).toBe(0);

    // Audit: one entry per batch (requests, disclosures, subjects), counts, no personal data.
    const entries = await purgeEntries();
    expect(entries.map((e) => e.summary.match(/^Retention purge \((\w+)\)/)?.[1])).toEqual([
      'requests',
      'disclosures',
      'subjects',
    ]);
    expect(entries[0]!.summary).toContain(
      'privacy_requests=2, request_events=3, mail_outbox=1, request_packages=1',
    );
    expect(entries[1]!.summary).toContain('disclosures=1, document_attachments=1, documents=1');
    expect(entries[2]!.summary).toContain('subjects=1, subject_changes=1');
    for (const e of entries) {
      expect(e.actorId).toBe(admin.session.user.id);
      expect(e.summary).not.toMatch(/Olive|example\.com/);
    }
  });

  it('purges nothing under an open request, an open flag or a gag order in force', async () => {
    const ds = testApp.dataSource;
    for (const before of fixture.kept.requests) {
      const after = await ds.getRepository(PrivacyRequest).findOneByOrFail({ id: before.id });
      expect(after).toMatchObject({
        requesterName: before.requesterName,
        requesterEmail: before.requesterEmail,
        payload: before.payload,
        purgedAt: null,
        version: before.version,
      });
    }
    for (const before of fixture.kept.disclosures) {
      const after = await ds.getRepository(Disclosure).findOneByOrFail({ id: before.id });
      expect(after).toMatchObject({
        recipientName: 'Jane Recipient',
        purpose: before.purpose,
        purgedAt: null,
      });
    }
    const { recent, open, flagged, gagged, lapsed } = fixture.subjects;
    for (const s of [recent, open, flagged, gagged, lapsed]) {
      const after = await ds.getRepository(Subject).findOneByOrFail({ id: s.id });
      expect(after).toMatchObject({ name: s.name, email: s.email, phone: s.phone, purgedAt: null });
    }
  });

  it('a second run purges nothing, and says so in the trail', async () => {
    const before = await snapshot();
    const res = await admin.agent.post('/api/retention/run').set(admin.csrf).expect(200);
    expect(Object.values(res.body.counts as RetentionCounts).every((c) => c === 0)).toBe(true);
    expect(res.body).toMatchObject({ batches: 0, requests: [], disclosures: [], subjects: [] });
    expect(await snapshot()).toBe(before);
    const entries = await purgeEntries();
    expect(entries).toHaveLength(4);
    expect(entries[3]!.summary).toMatch(
      /^Retention purge \(nothing past its period\): privacy_requests=0/,
    );
    const preview = await officer.agent.get('/api/retention/preview').expect(200);
    expect(Object.values(preview.body.counts as RetentionCounts).every((c) => c === 0)).toBe(true);
  });

  it('a purged subject shows when it was purged and can no longer be edited', async () => {
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const shown = await staff.agent.get(`/api/subjects/${fixture.subjects.old.id}`).expect(200);
    expect(shown.body).toMatchObject({ name: 'Purged subject', purgedAt: NOW.toISOString() });
    const edit = await staff.agent
      .put(`/api/subjects/${fixture.subjects.old.id}`)
      .set(staff.csrf)
      .send({ name: 'Olive Old', version: shown.body.version })
      .expect(409);
    expect(edit.body.code).toBe('subject_purged');
    const kept = await staff.agent.get(`/api/subjects/${fixture.subjects.recent.id}`).expect(200);
    expect(kept.body.purgedAt).toBeNull();
  });

  it('the purged request still opens in the console API', async () => {
    const manager = await signIn(testApp, DEMO_EMAILS.manager);
    const res = await manager.agent
      .get(`/api/requests/${fixture.purged.requests[0]!.id}`)
      .expect(200);
    expect(res.body.reference).toBe(fixture.purged.requests[0]!.reference);
    expect(JSON.stringify(res.body)).not.toContain('Olive');
  });

  it('runs daily on the job runner, as the system', async () => {
    const runner = testApp.app.get(JobRunnerService);
    expect(runner.recurringJobs()).toContainEqual({
      type: RETENTION_PURGE_JOB,
      periodMs: RETENTION_PURGE_PERIOD_MS,
    });
    // The gag lapses: the gagged subject's request and disclosure are no longer held.
    await testApp.dataSource
      .getRepository(LegalProcess)
      .update({ gagUntil: IsNull(), gagOrder: true }, { gagUntil: '2026-11-29' });
    await runner.drain();
    const job = await testApp.dataSource
      .getRepository(Job)
      .findOneByOrFail({ type: RETENTION_PURGE_JOB });
    expect(job.status).toBe('succeeded');
    const gaggedOld = fixture.kept.requests[3]!;
    const after = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: gaggedOld.id });
    expect(after.requesterName).toBe('Purged requester');
    const entries = await purgeEntries();
    const last = entries.filter((e) => e.actorType === 'system');
    expect(last.map((e) => e.summary.match(/^Retention purge \((\w+)\)/)?.[1])).toEqual([
      'requests',
      'disclosures',
    ]);
    expect(last[0]!.summary).toContain('privacy_requests=1,');
    expect(last[1]!.summary).toContain('disclosures=1,');

    // The next day's run finds nothing: the job history shows it, the audit trail does not.
    const report = await testApp.app.get(RetentionService).run(SYSTEM_ACTOR);
    expect(report.batches).toBe(0);
    expect(await purgeEntries()).toHaveLength(entries.length);
  });
});

describe('retention purge in batches', () => {
  const clock = new ManualClock(NOW);
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
  });
  afterAll(() => testApp.close());

  it('purges 401 requests in three transactions, each audited with its own counts', async () => {
    const closedAt = monthsAgo(30);
    const rows = Array.from({ length: 401 }, (_, i) =>
      Object.assign(new PrivacyRequest(), {
        id: randomUUID(),
        reference: `PR-2024-${String(800000 + i)}`,
        kind: 'opt_out',
        channel: 'web_form',
        jurisdiction: 'ccpa',
        status: 'completed',
        requesterName: `Bulk ${i}`,
        requesterEmail: `bulk-${i}@example.com`,
        subjectId: null,
        assigneeId: null,
        assignmentKind: null,
        leaseExpiresAt: null,
        receivedAt: closedAt,
        dueAt: closedAt,
        extendedAt: null,
        extensionReason: null,
        resolution: 'Done',
        reason: null,
        payload: JSON.stringify({ channels: ['email'], scopes: ['marketing_contact'] }),
        duplicateOfId: null,
        enteredById: null,
        verificationTokenHash: null,
        verificationExpiresAt: null,
        verifiedAt: closedAt,
        closedAt,
        purgedAt: null,
        createdAt: closedAt,
        updatedAt: closedAt,
        version: 1,
      }),
    );
    for (let i = 0; i < rows.length; i += 100)
      await testApp.dataSource.getRepository(PrivacyRequest).insert(rows.slice(i, i + 100));
    const admin = await signIn(testApp, DEMO_EMAILS.admin);

    const preview = await admin.agent.get('/api/retention/preview').expect(200);
    expect(preview.body.counts.privacy_requests).toBe(401);
    const res = await admin.agent.post('/api/retention/run').set(admin.csrf).expect(200);
    expect(res.body).toMatchObject({ batches: 3 });
    expect(res.body.counts.privacy_requests).toBe(401);
    expect(res.body.requests).toHaveLength(401);
    const entries = await testApp.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'retention.purged' }, order: { seq: 'ASC' } });
    expect(entries.map((e) => e.summary.match(/privacy_requests=(\d+)/)?.[1])).toEqual([
      '200',
      '200',
      '1',
    ]);
    const left = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .countBy({ purgedAt: IsNull() });
    expect(left).toBe(0);
    const one = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ id: rows[400]!.id });
    expect(one.payload).toBe('{"channels":["email"],"scopes":["marketing_contact"]}');
  });
});
