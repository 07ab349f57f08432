import type { LegalProcessDto } from '@privacy-desk/shared';
import type { SignedIn } from '../support/test-app.js';

let counter = 0;

/** A unique tag for one test's records (case numbers, emails). */
export function tag(prefix = 'T'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function createSubject(staff: SignedIn, name = 'Named Subject'): Promise<string> {
  const res = await staff.agent
    .post('/api/subjects')
    .set(staff.csrf)
    .send({ name, email: `${tag('subject').toLowerCase()}@example.com` });
  if (res.status !== 201)
    throw new Error(`subject failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** A valid body for POST /api/legal-process (received 2026-03-09, due 2026-03-30). */
export function processBody(subjectIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    type: 'court_order',
    issuingAuthority: 'District Court of Example',
    requestingAgency: 'Example Police',
    requestingOfficer: 'Det. Example',
    identityVerification: 'Called the court clerk back on the published number.',
    jurisdiction: 'US-CA',
    caseNumber: tag('CASE'),
    receivedAt: '2026-03-09',
    responseDueOn: '2026-03-30',
    subjectIds,
    dataCategories: ['name', 'email', 'request_data'],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    notes: 'Served by post.',
    ...overrides,
  };
}

export async function recordProcess(
  staff: SignedIn,
  subjectIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<LegalProcessDto> {
  const res = await staff.agent
    .post('/api/legal-process')
    .set(staff.csrf)
    .send(processBody(subjectIds, overrides));
  if (res.status !== 201)
    throw new Error(`record failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as LegalProcessDto;
}

export function act(
  who: SignedIn,
  process: Pick<LegalProcessDto, 'id' | 'version'>,
  action: string,
  body: Record<string, unknown> = {},
) {
  return who.agent
    .post(`/api/legal-process/${process.id}/actions/${action}`)
    .set(who.csrf)
    .send({ version: process.version, ...body });
}

export function production(subjectIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    recipientName: 'District Court of Example',
    recipientType: 'court',
    recipientAddress: '1 Court Square',
    subjectIds,
    dataCategories: ['name', 'email'],
    disclosedAt: '2026-03-10T09:00:00.000Z',
    purpose: 'Compliance with the court order',
    ...overrides,
  };
}
