import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { Subject } from '../../src/subjects/subject.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

const yearsAgo = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

describe('subjects: the User Information registry', () => {
  let testApp: TestApp;
  let staff: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', DEFAULT_PHONE_COUNTRY: 'DE' });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
  });
  afterAll(() => testApp.close());

  const create = (body: object) => staff.agent.post('/api/subjects').set(staff.csrf).send(body);
  // Several tests need Grace; whichever runs first creates her, so any one test runs alone.
  let graceCreated: ReturnType<typeof create> | undefined;
  const grace = () =>
    (graceCreated ??= create({
      name: 'Grace Hopper',
      email: ' Grace@Example.COM ',
      phone: '030 1234567',
      company: 'Navy',
      addressLine1: '1 Main St',
      city: 'Berlin',
      postalCode: '10115',
      country: 'de',
      jobTitle: 'Rear Admiral',
      dateOfBirth: '1906-12-09',
    }));

  it('creates a subject with a normalised email and an E.164 phone, and keeps the history', async () => {
    const res = await grace();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'grace@example.com',
      phone: '+49301234567',
      country: 'DE',
      isMinor: false,
      version: 1,
    });
    const history = (await staff.agent.get(`/api/subjects/${res.body.id}/history`)).body as {
      field: string;
      oldValue: null;
      newValue: string;
      reason: string;
      changedBy: string;
    }[];
    expect(history.map((h) => h.field).sort()).toEqual(
      [
        'addressLine1',
        'city',
        'company',
        'country',
        'dateOfBirth',
        'email',
        'jobTitle',
        'name',
        'phone',
        'postalCode',
      ].sort(),
    );
    expect(history[0]).toMatchObject({
      oldValue: null,
      reason: 'staff edit',
      changedBy: 'Sam Staff',
    });
    const audit = await testApp.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'subject.created', entityId: res.body.id });
    expect(audit.summary).not.toMatch(/grace|hopper|030/i);
  });

  it('finds subjects by email, name or phone in any format', async () => {
    await grace();
    const ids = async (q: string) =>
      (
        (await staff.agent.get('/api/subjects').query({ filter: JSON.stringify({ q }) })).body as {
          id: string;
          name: string;
        }[]
      ).map((s) => s.name);
    expect(await ids('grace@')).toEqual(['Grace Hopper']);
    expect(await ids('hopper')).toEqual(['Grace Hopper']);
    expect(await ids('+49 30 1234567')).toEqual(['Grace Hopper']);
    expect(await ids('(030) 123-4567')).toEqual(['Grace Hopper']);
  });

  it('rejects bad fields with 422 naming each, and a taken email', async () => {
    await grace();
    const bad = await create({
      name: '',
      email: 'nope',
      phone: '12',
      country: 'Germany',
      dateOfBirth: '2999-01-01',
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['country', 'email', 'name']);
    const badPhone = await create({ name: 'P', email: 'p@example.com', phone: '12' });
    expect(badPhone.body.errors).toEqual({
      phone: expect.stringContaining('not a valid phone number'),
    });
    const future = await create({ name: 'P', email: 'p@example.com', dateOfBirth: '2999-01-01' });
    expect(future.body.errors).toEqual({ dateOfBirth: 'Date of birth cannot be in the future.' });
    const taken = await create({ name: 'Other Grace', email: 'GRACE@example.com' });
    expect(taken.body.errors).toEqual({ email: 'A subject with this email already exists.' });
  });

  it('records each edit field by field, refuses a stale version, and never deletes', async () => {
    const { body: subject } = await create({ name: 'Alan Turing', email: 'alan@example.com' });
    const edit = await staff.agent
      .put(`/api/subjects/${subject.id}`)
      .set(staff.csrf)
      .send({ ...subject, city: 'Manchester', jobTitle: 'Mathematician' });
    expect(edit.status).toBe(200);
    expect(edit.body.version).toBe(2);
    const stale = await staff.agent
      .put(`/api/subjects/${subject.id}`)
      .set(staff.csrf)
      .send({ ...subject, city: 'London' });
    expect([stale.status, stale.body.code]).toEqual([409, 'stale_version']);
    expect(
      (await testApp.dataSource.getRepository(Subject).findOneByOrFail({ id: subject.id })).city,
    ).toBe('Manchester');
    const history = (await staff.agent.get(`/api/subjects/${subject.id}/history`)).body as {
      field: string;
      oldValue: string | null;
      newValue: string | null;
    }[];
    expect(
      history
        .slice(0, 2)
        .map((h) => [h.field, h.oldValue, h.newValue])
        .sort(),
    ).toEqual([
      ['city', null, 'Manchester'],
      ['jobTitle', null, 'Mathematician'],
    ]);
    expect((await staff.agent.delete(`/api/subjects/${subject.id}`).set(staff.csrf)).status).toBe(
      404,
    );
  });

  it('marks a subject under 18 as a minor and queues a minor review', async () => {
    const res = await create({
      name: 'Young Person',
      email: 'young@example.com',
      dateOfBirth: yearsAgo(15),
    });
    expect(res.body.isMinor).toBe(true);
    const review = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ subjectId: res.body.id, kind: 'minor_review' });
    expect(review).toMatchObject({ status: 'new', channel: 'staff' });

    const { body: adult } = await create({
      name: 'Later Minor',
      email: 'later@example.com',
      dateOfBirth: yearsAgo(30),
    });
    expect(adult.isMinor).toBe(false);
    const corrected = await staff.agent
      .put(`/api/subjects/${adult.id}`)
      .set(staff.csrf)
      .send({ version: adult.version, dateOfBirth: yearsAgo(17) });
    expect(corrected.body.isMinor).toBe(true);
    expect(
      await testApp.dataSource
        .getRepository(PrivacyRequest)
        .countBy({ subjectId: adult.id, kind: 'minor_review' }),
    ).toBe(1);
  });

  it('links requests to the subject with the verified email', async () => {
    await grace();
    const res = await staff.agent
      .post('/api/requests')
      .set(staff.csrf)
      .send({
        kind: 'access',
        channel: 'email',
        requesterName: 'Grace',
        requesterEmail: 'grace@example.com',
        receivedAt: new Date().toISOString().slice(0, 10),
        payload: { format: 'pdf' },
      });
    expect(res.body.subjectName).toBe('Grace Hopper');
    const list = await staff.agent
      .get('/api/requests')
      .query({ filter: JSON.stringify({ subjectId: res.body.subjectId }) });
    expect(list.body.map((r: { id: string }) => r.id)).toEqual([res.body.id]);
  });
});
