import { randomUUID } from 'node:crypto';
import type { DisclosureDto, ViolationSeverity } from '@privacy-desk/shared';
import { LegalProcess } from '../../src/legal-process/legal-process.entity.js';
import { LegalProcessSubject } from '../../src/legal-process/legal-process-subject.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { Suppression } from '../../src/suppressions/suppression.entity.js';
import { User } from '../../src/users/user.entity.js';
import { ViolationFlag } from '../../src/violations/violation-flag.entity.js';
import { DEMO_PASSWORD, signIn } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function newSubject(staff: SignedIn, name = 'Jo Roe'): Promise<string> {
  const res = await staff.agent
    .post('/api/subjects')
    .set(staff.csrf)
    .send({ name, email: `subject-${unique()}@example.com` });
  if (res.status !== 201) throw new Error(`subject: ${res.status} ${res.text}`);
  return res.body.id as string;
}

/** A second compliance officer (the demo desk has one). */
export async function newOfficer(testApp: TestApp, admin: SignedIn): Promise<SignedIn> {
  const email = `officer-${unique()}@example.com`;
  const res = await admin.agent
    .post('/api/users')
    .set(admin.csrf)
    .send({ email, name: 'Olu Officer', role: 'compliance_officer', password: DEMO_PASSWORD });
  if (res.status !== 201) throw new Error(`officer: ${res.status} ${res.text}`);
  // Like the demo accounts, exempt from two-factor enrolment (outside production only).
  await testApp.dataSource.getRepository(User).update({ id: res.body.id }, { isDemo: true });
  return signIn(testApp, email);
}

/** A violation flag written straight to its table (the violations API is another feature's). */
export async function insertFlag(
  testApp: TestApp,
  subjectId: string,
  flaggedById: string,
  options: {
    status?: ViolationFlag['status'];
    decidedById?: string | null;
    severity?: ViolationSeverity;
  } = {},
): Promise<ViolationFlag> {
  const now = new Date();
  const flag = Object.assign(new ViolationFlag(), {
    id: randomUUID(),
    reference: `VF-T-${unique()}`.slice(0, 20),
    subjectId,
    category: 'fraud',
    severity: options.severity ?? 'high',
    termsClause: '4.2 Prohibited uses',
    description: 'Card testing from this account',
    evidenceText: null,
    evidenceLinks: [],
    source: 'monitoring_review',
    status: options.status ?? 'confirmed',
    decidedById: options.decidedById ?? null,
    decidedAt: options.decidedById ? now : null,
    decisionReason: options.decidedById ? 'Confirmed by the logs' : null,
    enforcementAction: options.decidedById ? 'suspension' : null,
    appealStatus: null,
    appealReason: null,
    appealedAt: null,
    appealDecidedById: null,
    appealDecidedAt: null,
    appealDecisionReason: null,
    flaggedById,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  await testApp.dataSource.getRepository(ViolationFlag).insert(flag);
  return flag;
}

/** A legal-process row written straight to its table (the legal-process API is another feature's). */
export async function insertLegalProcess(
  testApp: TestApp,
  recordedById: string,
  options: Partial<LegalProcess> & { subjectIds?: string[] } = {},
): Promise<LegalProcess> {
  const now = new Date();
  const { subjectIds = [], ...rest } = options;
  const lp = Object.assign(new LegalProcess(), {
    id: randomUUID(),
    reference: `LP-T-${unique()}`.slice(0, 20),
    type: 'court_order',
    status: 'received',
    outcome: null,
    issuingAuthority: 'District Court',
    requestingAgency: null,
    requestingOfficer: null,
    identityVerification: null,
    jurisdiction: 'US-CA',
    caseNumber: null,
    receivedAt: now,
    responseDueAt: new Date(now.getTime() + 30 * 86_400_000),
    dataCategories: ['email'],
    periodStart: null,
    periodEnd: null,
    notes: null,
    legalReviewerId: null,
    responseSummary: null,
    respondedAt: null,
    reviewStatus: null,
    reviewedById: null,
    reviewedAt: null,
    reviewNote: null,
    gagOrder: false,
    gagUntil: null,
    gagLapseHandledAt: null,
    recordedById,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...rest,
  });
  await testApp.dataSource.getRepository(LegalProcess).insert(lp);
  if (subjectIds.length)
    await testApp.dataSource.getRepository(LegalProcessSubject).insert(
      subjectIds.map((subjectId) => ({
        legalProcessId: lp.id,
        subjectId,
        noticeRequestId: null,
        notifiedAt: null,
      })),
    );
  return lp;
}

/**
 * A completed opt-out request of a subject, with these scopes, and the suppression entries it
 * wrote (the suppression list is what the partner_marketing rule reads).
 */
export async function insertCompletedOptOut(
  testApp: TestApp,
  subjectId: string,
  scopes: ('marketing_contact' | 'partner_sharing')[],
): Promise<void> {
  const now = new Date();
  const requestId = randomUUID();
  await testApp.dataSource.getRepository(Suppression).insert(
    scopes.map((scope) => ({
      id: randomUUID(),
      subjectId,
      channel: 'email' as const,
      value: `${subjectId}@example.com`,
      valueHash: 'f'.repeat(64),
      scope,
      sourceRequestId: requestId,
      sourceReference: null,
      effectiveAt: now,
      stopBy: now.toISOString().slice(0, 10),
      stopByCitation: 'company policy',
      revokedAt: null,
      revokedByRequestId: null,
      revokeReason: null,
      createdAt: now,
      version: 1,
    })),
  );
  await testApp.dataSource.getRepository(PrivacyRequest).insert({
    id: requestId,
    reference: `PR-T-${unique()}`.slice(0, 20),
    kind: 'opt_out',
    channel: 'email',
    jurisdiction: 'ccpa',
    status: 'completed',
    requesterName: 'Jo Roe',
    requesterEmail: 'jo@example.com',
    subjectId,
    receivedAt: now,
    dueAt: now,
    payload: JSON.stringify({ channels: ['email'], scopes }),
    closedAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

export function disclosureBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    recipientName: 'Acme Fulfilment',
    recipientType: 'service_provider',
    basis: 'service_delivery',
    purpose: 'Ship the order the person placed',
    dataCategories: ['name', 'addressLine1'],
    disclosedAt: '2027-03-01',
    subjects: [],
    ...over,
  };
}

export async function record(
  staff: SignedIn,
  body: Record<string, unknown>,
): Promise<DisclosureDto> {
  const res = await staff.agent.post('/api/disclosures').set(staff.csrf).send(body);
  if (res.status !== 201) throw new Error(`record: ${res.status} ${res.text}`);
  return res.body as DisclosureDto;
}

export async function approve(officer: SignedIn, d: DisclosureDto): Promise<DisclosureDto> {
  const res = await officer.agent
    .post(`/api/disclosures/${d.id}/approve`)
    .set(officer.csrf)
    .send({ version: d.version });
  if (res.status !== 200) throw new Error(`approve: ${res.status} ${res.text}`);
  return res.body as DisclosureDto;
}
