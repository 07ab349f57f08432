import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { DenialReason, RequestKind, RequestStatus } from '@privacy-desk/shared';
import { CorrectionFieldDecision } from '../../src/requests/correction/correction.entities.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import type { TestApp } from '../support/test-app.js';

let counter = 0;

export interface FixtureRequest {
  kind: RequestKind;
  status: RequestStatus;
  /** ISO instants (UTC). */
  receivedAt: string;
  closedAt?: string;
  dueAt?: string;
  denialReason?: DenialReason | null;
  assigneeId?: string | null;
  /** For corrections: the decisions on its fields. */
  decisions?: ('accept' | 'decline')[];
}

/** A request written straight to its table, with known dates and outcome. */
export async function insertRequest(testApp: TestApp, spec: FixtureRequest): Promise<string> {
  counter += 1;
  const id = randomUUID();
  const receivedAt = new Date(spec.receivedAt);
  const closedAt = spec.closedAt ? new Date(spec.closedAt) : null;
  const request: PrivacyRequest = {
    id,
    reference: `PR-R-${counter}-${id.slice(0, 8)}`.slice(0, 20),
    kind: spec.kind,
    channel: 'email',
    jurisdiction: 'ccpa',
    status: spec.status,
    requesterName: `Requester ${counter}`,
    requesterEmail: `requester-${counter}@example.com`,
    subjectId: null,
    assigneeId: spec.assigneeId ?? null,
    assignmentKind: spec.assigneeId ? 'assignment' : null,
    leaseExpiresAt: null,
    receivedAt,
    dueAt: new Date(spec.dueAt ?? receivedAt.getTime() + 45 * 86_400_000),
    extendedAt: null,
    extensionReason: null,
    resolution: spec.status === 'completed' ? 'Done' : null,
    reason: spec.status === 'rejected' ? 'Free-text reason' : null,
    denialReason: spec.denialReason ?? null,
    payload: '{}',
    duplicateOfId: null,
    enteredById: null,
    verificationTokenHash: null,
    verificationExpiresAt: null,
    verifiedAt: receivedAt,
    closedAt,
    purgedAt: null,
    createdAt: receivedAt,
    updatedAt: closedAt ?? receivedAt,
    version: 1,
  };
  await testApp.dataSource.getRepository(PrivacyRequest).insert(request);
  const fields = ['name', 'email', 'phone', 'city'] as const;
  if (spec.decisions?.length)
    await testApp.dataSource.getRepository(CorrectionFieldDecision).insert(
      spec.decisions.map((decision, i) => ({
        id: randomUUID(),
        requestId: id,
        field: fields[i]!,
        decision,
        value: decision === 'decline' ? null : 'New value',
        reason: decision === 'decline' ? 'The evidence does not support it' : null,
        decidedById: randomUUID(),
        decidedAt: closedAt ?? receivedAt,
      })),
    );
  return id;
}

/** The CSV as rows of cells. */
export function csvRows(text: string): string[][] {
  return parse(text) as string[][];
}
