import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { PrivacyRequest } from '../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from './support/test-app.js';
import type { SignedIn, TestApp } from './support/test-app.js';

// What requesters and staff read: fields by their labels, messages as sentences, and audit
// summaries in the words of the console.
describe('words a person uses', () => {
  let testApp: TestApp;
  let admin: SignedIn;
  let staff: SignedIn;
  const audit = (action: string, entityId: string) =>
    testApp.dataSource.getRepository(AuditEntry).findOneByOrFail({ action, entityId });

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    admin = await signIn(testApp, DEMO_EMAILS.admin);
    staff = await signIn(testApp, DEMO_EMAILS.staff);
  });
  afterAll(() => testApp.close());

  it('offers the fields to correct by their labels on the public form, and stores the key', async () => {
    const form = await testApp.http().get('/privacy');
    for (const [key, label] of [
      ['addressLine1', 'Address line 1'],
      ['postalCode', 'Postal code'],
      ['jobTitle', 'Job title'],
      ['dateOfBirth', 'Date of birth'],
    ])
      expect(form.text).toContain(`<option value="${key}">${label}</option>`);
    expect(form.text).not.toMatch(/>(addressLine1|postalCode|jobTitle|dateOfBirth)</);

    const sent = await testApp.http().post('/privacy').type('form').send({
      requesterName: 'Form Corrector',
      requesterEmail: 'form-corrector@example.com',
      kind: 'correction',
      correctionField: 'postalCode',
      details: '10115',
    });
    expect(sent.status).toBe(200);
    const stored = await testApp.dataSource
      .getRepository(PrivacyRequest)
      .findOneByOrFail({ requesterEmail: 'form-corrector@example.com' });
    const payload: unknown =
      typeof stored.payload === 'string' ? JSON.parse(stored.payload) : stored.payload;
    expect(payload).toEqual({
      corrections: [{ field: 'postalCode', requestedValue: '10115' }],
    });
  });

  it('tells a requester that the end of the period cannot be before its start, on the form and in the API', async () => {
    const period = { periodStart: '2026-03-01', periodEnd: '2026-01-31' };
    const api = await testApp.http().post('/api/public/requests').send({
      kind: 'disclosure_report',
      requesterName: 'Period Person',
      requesterEmail: 'period@example.com',
      payload: period,
    });
    expect([api.status, api.body.message, api.body.errors]).toEqual([
      422,
      'Some of the information needs correcting; see each field.',
      { 'payload.periodEnd': 'The end of the period cannot be before its start.' },
    ]);
    const form = await testApp
      .http()
      .post('/privacy')
      .type('form')
      .send({
        requesterName: 'Period Person',
        requesterEmail: 'period@example.com',
        kind: 'disclosure_report',
        ...period,
      });
    expect(form.status).toBe(422);
    expect(form.text).toContain('The end of the period cannot be before its start.');
    expect(form.text).not.toContain('periodStart</');
  });

  it('names each refused field by its label, in a sentence, in react-admin’s shape', async () => {
    const bad = await admin.agent
      .post('/api/users')
      .set(admin.csrf)
      .send({ email: 'not-an-email', name: '', role: 'overlord', password: 'short' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual({
      email: 'Email must be a valid email address.',
      name: 'Name is required.',
      role: 'Role must be one of: Staff, Compliance officer, Manager or Admin.',
      password: 'Password must be 12 to 128 characters.',
    });
    const unknownField = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({ name: 'Shoe Person', email: 'shoe@example.com', shoeSize: '44' });
    expect(unknownField.body.errors).toEqual({
      shoeSize: 'The field “shoeSize” is not one this form accepts.',
    });
  });

  it('words a conflict as a sentence', async () => {
    const body = {
      email: 'twice@example.com',
      name: 'Twice',
      role: 'staff',
      password: 'twice-password-123',
    };
    expect((await admin.agent.post('/api/users').set(admin.csrf).send(body)).status).toBe(201);
    const again = await admin.agent.post('/api/users').set(admin.csrf).send(body);
    expect([again.status, again.body.errors]).toEqual([
      422,
      { email: 'A staff account with this email already exists.' },
    ]);
  });

  it('writes new audit summaries with the console’s labels and the right article', async () => {
    const created = await admin.agent.post('/api/users').set(admin.csrf).send({
      email: 'second-admin@example.com',
      name: 'Second Admin',
      role: 'admin',
      password: 'second-admin-password',
    });
    expect((await audit('user.created', created.body.id)).summary).toBe('Created an Admin account');
    const changed = await admin.agent
      .put(`/api/users/${created.body.id}`)
      .set(admin.csrf)
      .send({ role: 'compliance_officer', version: created.body.version });
    expect(changed.status).toBe(200);
    expect((await audit('user.updated', created.body.id)).summary).toBe(
      'Changed role from Admin to Compliance officer',
    );

    const request = await staff.agent
      .post('/api/requests')
      .set(staff.csrf)
      .send({
        kind: 'correction',
        channel: 'email',
        jurisdiction: 'gdpr',
        requesterName: 'Audit Reader',
        requesterEmail: 'audit-reader@example.com',
        receivedAt: new Date().toISOString().slice(0, 10),
        payload: { corrections: [{ field: 'jobTitle', requestedValue: 'Director' }] },
      });
    expect(request.status).toBe(201);
    expect((await audit('request.created', request.body.id)).summary).toBe(
      `Created ${request.body.reference} (Correction, Email, GDPR), status New (queued)`,
    );
    const claimed = await staff.agent
      .post(`/api/requests/${request.body.id}/actions/claim`)
      .set(staff.csrf)
      .send({ version: request.body.version });
    expect(claimed.status).toBe(200);
    expect((await audit('request.claim', request.body.id)).summary).toBe(
      `${request.body.reference}: Claim (New (queued) → In progress)`,
    );

    const { body: subject } = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({ name: 'Label Subject', email: 'label-subject@example.com' });
    const edited = await staff.agent
      .put(`/api/subjects/${subject.id}`)
      .set(staff.csrf)
      .send({ ...subject, jobTitle: 'Director', postalCode: '10115' });
    expect(edited.status).toBe(200);
    expect((await audit('subject.updated', subject.id)).summary).toMatch(
      /^Changed (Job title and Postal code|Postal code and Job title) \(staff edit\)$/,
    );
  });
});
