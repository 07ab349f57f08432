import type { ViolationFlagDto } from '@privacy-desk/shared';
import { User } from '../../src/users/user.entity.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { DEMO_PASSWORD, signIn } from '../support/test-app.js';

let counter = 0;

/** A fresh subject, made by staff through the API. */
export async function createSubject(staff: SignedIn, name = 'Robin Roe'): Promise<string> {
  counter += 1;
  const res = await staff.agent
    .post('/api/subjects')
    .set(staff.csrf)
    .send({ name, email: `subject-${counter}-${process.pid}-${Math.random()}@example.com` });
  if (res.status !== 201) throw new Error(`subject: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export const FLAG_BODY = {
  category: 'fraud',
  severity: 'high',
  termsClause: '4.2 Prohibited uses',
  description: 'Chargebacks on twelve orders in one week.',
  evidenceText: 'Payment processor report of 3 March.',
  evidenceLinks: ['https://monitoring.example.com/cases/42'],
  source: 'monitoring_review',
};

export async function flagSubject(
  staff: SignedIn,
  subjectId: string,
  overrides: Record<string, unknown> = {},
): Promise<ViolationFlagDto> {
  const res = await staff.agent
    .post('/api/violations')
    .set(staff.csrf)
    .send({ ...FLAG_BODY, subjectId, ...overrides });
  if (res.status !== 201) throw new Error(`flag: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ViolationFlagDto;
}

export function act(
  who: SignedIn,
  flag: { id: string; version: number },
  action: string,
  body: Record<string, unknown> = {},
) {
  return who.agent
    .post(`/api/violations/${flag.id}/actions/${action}`)
    .set(who.csrf)
    .send({ version: flag.version, ...body });
}

/** Takes a flag to `confirmed` (start review, confirm) as this compliance officer. */
export async function confirmFlag(
  officer: SignedIn,
  flag: ViolationFlagDto,
  enforcementAction = 'warning',
): Promise<ViolationFlagDto> {
  const review = await act(officer, flag, 'start_review');
  if (review.status !== 200) throw new Error(`start_review: ${review.status} ${review.text}`);
  const confirmed = await act(officer, review.body, 'confirm', {
    reason: 'The chargebacks match the pattern of card testing.',
    enforcementAction,
  });
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status} ${confirmed.text}`);
  return confirmed.body as ViolationFlagDto;
}

/** A second compliance officer (the demo seed has one), signed in. */
export async function secondOfficer(testApp: TestApp, admin: SignedIn): Promise<SignedIn> {
  const email = `officer-${process.pid}-${Math.random().toString(36).slice(2)}@example.com`;
  const res = await admin.agent.post('/api/users').set(admin.csrf).send({
    email,
    name: 'Second Officer',
    role: 'compliance_officer',
    password: DEMO_PASSWORD,
  });
  if (res.status !== 201) throw new Error(`officer: ${res.status} ${res.text}`);
  // Like the demo officer, exempt from enrolling a second factor (not what these tests are about).
  await testApp.dataSource.getRepository(User).update({ email }, { isDemo: true });
  return signIn(testApp, email);
}
