import { createHash, randomUUID } from 'node:crypto';
import type { OptOutPayload, SuppressionScope } from '@privacy-desk/shared';
import { SYSTEM_ACTOR } from '../../src/auth/actor.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { Subject } from '../../src/subjects/subject.entity.js';
import { Suppression } from '../../src/suppressions/suppression.entity.js';
import { SuppressionsService } from '../../src/suppressions/suppressions.service.js';
import type { SuppressionSummary } from '../../src/suppressions/suppressions.service.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

let counter = 0;
export const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function newSubject(
  staff: SignedIn,
  fields: Record<string, string> = {},
): Promise<{ id: string; email: string }> {
  const res = await staff.agent
    .post('/api/subjects')
    .set(staff.csrf)
    .send({ name: 'Opal Outman', email: `opal-${unique()}@example.com`, ...fields });
  if (res.status !== 201) throw new Error(`subject: ${res.status} ${res.text}`);
  return { id: res.body.id as string, email: res.body.email as string };
}

/** An opt_out request row (the requests API is another feature's; its kind hook calls us). */
export async function insertOptOutRequest(
  testApp: TestApp,
  options: {
    subjectId?: string | null;
    requesterEmail?: string;
    payload: OptOutPayload & { optIn?: boolean };
    jurisdiction?: PrivacyRequest['jurisdiction'];
    verified?: boolean;
  },
): Promise<PrivacyRequest> {
  const now = new Date();
  const request = Object.assign(new PrivacyRequest(), {
    id: randomUUID(),
    reference: `PR-T-${unique()}`.slice(0, 20),
    kind: 'opt_out',
    channel: 'web_form',
    jurisdiction: options.jurisdiction ?? 'ccpa',
    status: 'new',
    requesterName: 'Opal Outman',
    requesterEmail: options.requesterEmail ?? `req-${unique()}@example.com`,
    subjectId: options.subjectId ?? null,
    assigneeId: null,
    assignmentKind: null,
    leaseExpiresAt: null,
    receivedAt: now,
    dueAt: now,
    extendedAt: null,
    extensionReason: null,
    resolution: null,
    reason: null,
    denialReason: null,
    payload: JSON.stringify(options.payload),
    duplicateOfId: null,
    enteredById: null,
    verificationTokenHash: null,
    verificationExpiresAt: null,
    verifiedAt: options.verified === false ? null : now,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    purgedAt: null,
  } satisfies PrivacyRequest);
  await testApp.dataSource.getRepository(PrivacyRequest).insert(request);
  return request;
}

/** What the opt-out kind does when the request becomes `new`, in one transaction. */
export async function applyOptOut(
  testApp: TestApp,
  request: PrivacyRequest,
): Promise<SuppressionSummary> {
  const tx = testApp.app.get(TransactionService);
  const service = testApp.app.get(SuppressionsService);
  const subject = request.subjectId
    ? await testApp.dataSource.getRepository(Subject).findOneBy({ id: request.subjectId })
    : null;
  const payload = JSON.parse(request.payload) as OptOutPayload & { optIn?: boolean };
  return tx.run(() => service.applyOptOut(SYSTEM_ACTOR, request, subject, payload));
}

/** Suppression rows written straight to the table (for the scrub's large fixtures). */
export async function insertEntries(
  testApp: TestApp,
  emails: string[],
  options: { scope?: SuppressionScope; revoked?: boolean } = {},
): Promise<void> {
  const now = new Date();
  const rows = emails.map((value) => ({
    id: randomUUID(),
    subjectId: null,
    channel: 'email' as const,
    value,
    valueHash: sha256(value),
    scope: options.scope ?? 'marketing_contact',
    sourceRequestId: null,
    sourceReference: null,
    effectiveAt: now,
    stopBy: now.toISOString().slice(0, 10),
    stopByCitation: 'company policy',
    revokedAt: options.revoked ? now : null,
    revokedByRequestId: null,
    revokeReason: options.revoked ? 'test' : null,
    createdAt: now,
    version: 1,
  }));
  for (let i = 0; i < rows.length; i += 200) {
    await testApp.dataSource.getRepository(Suppression).insert(rows.slice(i, i + 200));
  }
}

export async function createApiKey(admin: SignedIn, scopes: string[]): Promise<string> {
  const res = await admin.agent
    .post('/api/api-keys')
    .set(admin.csrf)
    .send({ name: `Key ${unique()}`, scopes });
  if (res.status !== 201) throw new Error(`api key: ${res.status} ${res.text}`);
  return res.body.secret as string;
}
