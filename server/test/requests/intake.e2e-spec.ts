import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { MailMessage } from '../../src/mail/mail-message.entity.js';
import { MailService, VERIFICATION_LINK_MASK } from '../../src/mail/mail.service.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { enterRequest } from './support.js';

const isoDaysAgo = (days: number) =>
  new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe('intake channels', () => {
  let testApp: TestApp;
  let staff: SignedIn;
  const requests = () => testApp.dataSource.getRepository(PrivacyRequest);
  const mails = () => testApp.dataSource.getRepository(MailMessage);

  beforeAll(async () => {
    testApp = await startTestApp({
      JOBS_ENABLED: 'false',
      PUBLIC_BASE_URL: 'https://desk.example.com',
    });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
  });
  afterAll(() => testApp.close());

  describe('staff entry', () => {
    it('queues the request as new, runs the clock from the day it was received, and acknowledges it', async () => {
      const received = isoDaysAgo(10);
      const request = await enterRequest(staff, {
        receivedAt: received,
        jurisdiction: 'ccpa',
        channel: 'mail',
      });
      expect(request).toMatchObject({
        status: 'new',
        channel: 'mail',
        enteredById: staff.session.user.id,
      });
      expect(request.reference).toMatch(/^PR-\d{4}-\d{6}$/);
      const due = new Date(`${received}T00:00:00Z`);
      due.setUTCDate(due.getUTCDate() + 45);
      expect(request.dueDate).toBe(due.toISOString().slice(0, 10));
      expect(request.clockExplanation).toContain(`received ${received}`);
      const ack = await mails().findOneByOrFail({
        requestId: request.id,
        template: 'acknowledgement',
      });
      expect(ack.status).toBe('held');
      expect(ack.body).toContain(request.reference);
    });

    it('refuses a receipt date in the future, and a bad payload naming the field; nothing is created', async () => {
      const before = await requests().count();
      const future = await staff.agent
        .post('/api/requests')
        .set(staff.csrf)
        .send({
          kind: 'access',
          channel: 'phone',
          requesterName: 'F',
          requesterEmail: 'f@example.com',
          receivedAt: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
          payload: { format: 'pdf' },
        });
      expect(future.status).toBe(422);
      expect(future.body.errors).toEqual({
        receivedAt: expect.stringMatching(
          /^Received on cannot be in the future \(today is \d{4}-\d\d-\d\d in UTC\)\.$/,
        ) as string,
      });
      const badPayload = await staff.agent
        .post('/api/requests')
        .set(staff.csrf)
        .send({
          kind: 'correction',
          channel: 'phone',
          requesterName: 'F',
          requesterEmail: 'f@example.com',
          receivedAt: isoDaysAgo(0),
          payload: { corrections: [{ field: 'shoe_size', requestedValue: '42' }] },
        });
      expect(badPayload.status).toBe(422);
      expect(Object.keys(badPayload.body.errors)).toEqual(['payload.corrections.0.field']);
      const optOut = await staff.agent
        .post('/api/requests')
        .set(staff.csrf)
        .send({
          kind: 'opt_out',
          channel: 'phone',
          requesterName: 'F',
          requesterEmail: 'f@example.com',
          receivedAt: isoDaysAgo(0),
          payload: { channels: ['pigeon'], scopes: [] },
        });
      expect(optOut.status).toBe(422);
      expect(Object.keys(optOut.body.errors).sort()).toEqual([
        'payload.channels',
        'payload.scopes',
      ]);
      expect(await requests().count()).toBe(before);
    });

    it('links a likely duplicate: same email, same kind, still open', async () => {
      const first = await enterRequest(staff, { requesterEmail: 'twice@example.com' });
      const second = await enterRequest(staff, { requesterEmail: 'TWICE@example.com' });
      expect(second.duplicateOfId).toBe(first.id);
      expect(second.duplicateOfReference).toBe(first.reference);
      const other = await enterRequest(staff, {
        requesterEmail: 'twice@example.com',
        kind: 'opt_out',
        payload: { channels: ['email'], scopes: ['marketing_contact'] },
      });
      expect(other.duplicateOfId).toBeNull();
    });
    it('lets staff merge a duplicate into the original, or keep it separate', async () => {
      const original = await enterRequest(staff, { requesterEmail: 'dup@example.com' });
      const dupe = await enterRequest(staff, { requesterEmail: 'dup@example.com' });
      const merged = await staff.agent
        .post(`/api/requests/${dupe.id}/duplicate`)
        .set(staff.csrf)
        .send({ version: dupe.version, decision: 'merge' });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({
        status: 'rejected',
        reason: expect.stringContaining(original.reference),
      });
      const originalTimeline = (await staff.agent.get(`/api/requests/${original.id}/timeline`))
        .body as { type: string; summary: string }[];
      expect(originalTimeline[0]).toMatchObject({
        type: 'merged',
        summary: `${dupe.reference} was merged into this request`,
      });
      expect(await mails().countBy({ requestId: dupe.id, template: 'rejection' })).toBe(1);

      const another = await enterRequest(staff, { requesterEmail: 'dup@example.com' });
      const kept = await staff.agent
        .post(`/api/requests/${another.id}/duplicate`)
        .set(staff.csrf)
        .send({ version: another.version, decision: 'keep' });
      expect(kept.body).toMatchObject({ status: 'new', duplicateOfId: null });
      const again = await staff.agent
        .post(`/api/requests/${another.id}/duplicate`)
        .set(staff.csrf)
        .send({ version: kept.body.version, decision: 'merge' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('not_a_duplicate');
    });
  });

  describe('public form and email verification', () => {
    async function submit(body: object, headers: Record<string, string> = {}) {
      return testApp.http().post('/api/public/requests').set(headers).send(body);
    }
    // The outbox keeps the link masked; the token is read from the body as it is sent.
    const tokenFrom = (mail: MailMessage) =>
      /token=([\w%-]+)/.exec(testApp.app.get(MailService).renderForDelivery(mail))![1]!;

    it('starts unverified, emails a single-use link, and the link queues and acknowledges the request', async () => {
      const res = await submit({
        kind: 'correction',
        requesterName: 'Pat Public',
        requesterEmail: 'pat@example.com',
        jurisdiction: 'gdpr',
        payload: { corrections: [{ field: 'phone', requestedValue: '+49 30 1234567' }] },
      });
      expect(res.status).toBe(202);
      const request = await requests().findOneByOrFail({ requesterEmail: 'pat@example.com' });
      expect(request).toMatchObject({ status: 'unverified', channel: 'web_form' });
      expect(request.verificationTokenHash).toMatch(/^[0-9a-f]{64}$/);
      const mail = await mails().findOneByOrFail({
        requestId: request.id,
        template: 'verification',
      });
      expect(mail.to).toBe('pat@example.com');
      expect(mail.body).toContain(VERIFICATION_LINK_MASK);
      expect(mail.body).not.toContain('token=');
      expect(testApp.app.get(MailService).renderForDelivery(mail)).toContain(
        'https://desk.example.com/privacy/verify?token=',
      );
      const token = decodeURIComponent(tokenFrom(mail));
      expect(mail.body).not.toContain(request.verificationTokenHash!);

      const page = await testApp.http().get('/privacy/verify').query({ token });
      expect(page.status).toBe(200);
      expect(page.text).toContain(`Your request ${request.reference} is confirmed`);
      const verified = await requests().findOneByOrFail({ id: request.id });
      expect(verified).toMatchObject({ status: 'new', verificationTokenHash: null });
      expect(await mails().countBy({ requestId: request.id, template: 'acknowledgement' })).toBe(1);

      const again = await testApp.http().get('/privacy/verify').query({ token });
      expect(again.status).toBe(404);
      expect((await testApp.http().post('/api/public/verify').send({ token })).status).toBe(404);
    });

    it('refuses a wrong token and an expired one', async () => {
      expect(
        (await testApp.http().get('/privacy/verify').query({ token: 'not-a-real-token' })).status,
      ).toBe(404);
      expect(
        (await testApp.http().post('/api/public/verify').send({ token: 'nope' })).body.code,
      ).toBe('invalid_token');
      await submit({
        kind: 'access',
        requesterName: 'Ex Pired',
        requesterEmail: 'expired@example.com',
        payload: { format: 'csv' },
      });
      const request = await requests().findOneByOrFail({ requesterEmail: 'expired@example.com' });
      const token = decodeURIComponent(
        tokenFrom(await mails().findOneByOrFail({ requestId: request.id })),
      );
      await requests().update(
        { id: request.id },
        { verificationExpiresAt: new Date(Date.now() - 1000) },
      );
      const res = await testApp.http().post('/api/public/verify').send({ token });
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('token_expired');
      expect((await requests().findOneByOrFail({ id: request.id })).status).toBe('unverified');
    });

    it('serves an accessible HTML form that works without JavaScript', async () => {
      const form = await testApp.http().get('/privacy');
      expect(form.status).toBe(200);
      expect(form.headers['content-type']).toMatch(/text\/html/);
      for (const label of ['Your name', 'Your email', 'What do you want to do?', 'Jurisdiction'])
        expect(form.text).toContain(label);
      const sent = await testApp.http().post('/privacy').type('form').send({
        requesterName: 'Form User',
        requesterEmail: 'form@example.com',
        kind: 'access',
        accessFormat: 'json',
        jurisdiction: '',
      });
      expect(sent.status).toBe(200);
      expect(sent.text).toContain('Check your email');
      expect(
        await requests().findOneByOrFail({ requesterEmail: 'form@example.com' }),
      ).toMatchObject({ kind: 'access', status: 'unverified' });

      const bad = await testApp
        .http()
        .post('/privacy')
        .type('form')
        .send({ requesterName: '', requesterEmail: 'nope', kind: 'access' });
      expect(bad.status).toBe(422);
      expect(bad.text).toContain('must be a valid email address');
      expect(bad.text).toContain('aria-invalid="true"');
    });

    it('answers a filled honeypot like a success and creates nothing', async () => {
      const before = await requests().count();
      const res = await submit({
        kind: 'access',
        requesterName: 'Bot',
        requesterEmail: 'bot@example.com',
        payload: { format: 'pdf' },
        website: 'http://spam.example',
      });
      expect(res.status).toBe(202);
      expect(await requests().count()).toBe(before);
    });

    it('turns a Global Privacy Control signal into an opt-out that needs no verification (CCPA §7025)', async () => {
      const res = await submit(
        {
          kind: 'access',
          requesterName: 'Gee Pee',
          requesterEmail: 'gpc@example.com',
          payload: { format: 'pdf' },
        },
        { 'Sec-GPC': '1' },
      );
      expect(res.status).toBe(202);
      const created = await requests().find({
        where: { requesterEmail: 'gpc@example.com' },
        order: { reference: 'ASC' },
      });
      expect(created.map((r) => [r.kind, r.channel, r.status, r.jurisdiction])).toEqual([
        ['access', 'web_form', 'unverified', 'gdpr'],
        ['opt_out', 'gpc', 'new', 'ccpa'],
      ]);
      expect(JSON.parse(created[1]!.payload)).toEqual({
        channels: ['email', 'phone', 'post'],
        scopes: ['partner_sharing'],
      });
    });
  });

  describe('integration API', () => {
    it('accepts a request with a valid key and refuses a revoked, wrong or missing one', async () => {
      const admin = await signIn(testApp, DEMO_EMAILS.admin);
      const key = await admin.agent
        .post('/api/api-keys')
        .set(admin.csrf)
        .send({ name: 'Website backend', scopes: ['requests:create'] });
      expect(key.status).toBe(201);
      const secret: string = key.body.secret;
      const body = {
        kind: 'opt_out',
        jurisdiction: 'can_spam',
        requesterName: 'Api Person',
        requesterEmail: 'api@example.com',
        payload: { channels: ['email'], scopes: ['marketing_contact'] },
      };

      const ok = await testApp
        .http()
        .post('/api/intake/requests')
        .set('Authorization', `Bearer ${secret}`)
        .send(body);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ status: 'new', reference: expect.stringMatching(/^PR-/) });
      expect(ok.body.clockExplanation).toContain('15 U.S.C. §7704(a)(4) gives 10 business days');
      const stored = await requests().findOneByOrFail({ id: ok.body.id });
      expect(stored.channel).toBe('api');
      const entry = await testApp.dataSource
        .getRepository(AuditEntry)
        .findOneByOrFail({ action: 'request.created', entityId: stored.id });
      expect(entry).toMatchObject({ actorType: 'api_client', actorId: key.body.id });

      const wrong = await testApp
        .http()
        .post('/api/intake/requests')
        .set('Authorization', `Bearer ${secret.slice(0, -2)}xx`)
        .send(body);
      expect(wrong.status).toBe(401);
      expect((await testApp.http().post('/api/intake/requests').send(body)).status).toBe(401);
      expect(
        (await staff.agent.post('/api/intake/requests').set(staff.csrf).send(body)).status,
      ).toBe(401);

      await admin.agent
        .post(`/api/api-keys/${key.body.id}/revoke`)
        .set(admin.csrf)
        .send()
        .expect(200);
      const revoked = await testApp
        .http()
        .post('/api/intake/requests')
        .set('Authorization', `Bearer ${secret}`)
        .send(body);
      expect(revoked.status).toBe(401);
      expect(revoked.body.code).toBe('invalid_api_key');
      expect(await requests().countBy({ requesterEmail: 'api@example.com' })).toBe(1);
    });
  });
});

describe('public form limits', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', PUBLIC_FORM_RATE_LIMIT_PER_HOUR: '2' });
  });
  afterAll(() => testApp.close());

  it('limits submissions per IP address', async () => {
    const body = {
      kind: 'access',
      requesterName: 'R',
      requesterEmail: 'r@example.com',
      payload: { format: 'pdf' },
    };
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await testApp.http().post('/api/public/requests').send(body)).status);
    expect(statuses).toEqual([202, 202, 429]);
  });
});
