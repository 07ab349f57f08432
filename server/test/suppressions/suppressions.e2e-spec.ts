import type { SuppressionDto } from '@privacy-desk/shared';
import { IsNull } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { Suppression } from '../../src/suppressions/suppression.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { applyOptOut, createApiKey, insertOptOutRequest, newSubject, sha256 } from './support.js';

describe('suppressions: opt-outs write the list; check, list, API keys, no deletion', () => {
  // Monday 2027-03-01, desk in UTC.
  const clock = new ManualClock(new Date('2027-03-01T15:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    admin = await signIn(testApp, DEMO_EMAILS.admin);
  });
  afterAll(() => testApp.close());

  const entries = () => testApp.dataSource.getRepository(Suppression);
  const check = (query: string, who: SignedIn = staff) =>
    who.agent.get(`/api/suppressions/check?${query}`);

  it('writes one entry per channel and scope from the subject, with the legal stop-by date', async () => {
    const subject = await newSubject(staff, {
      phone: '(415) 555-0132',
      addressLine1: ' 1  Main St ',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: 'US',
    });
    const request = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: {
        channels: ['email', 'phone', 'post'],
        scopes: ['marketing_contact', 'partner_sharing'],
      },
    });
    const summary = await applyOptOut(testApp, request);
    expect(summary.written).toHaveLength(6);
    expect(summary.skipped).toEqual([]);
    const rows = await entries().findBy({ sourceRequestId: request.id });
    const byKey = Object.fromEntries(rows.map((r) => [`${r.channel}/${r.scope}`, r]));
    expect(byKey['email/marketing_contact']).toMatchObject({
      value: subject.email,
      valueHash: sha256(subject.email),
      subjectId: subject.id,
      sourceReference: request.reference,
      // CAN-SPAM: 10 business days (15 U.S.C. §7704(a)(4)).
      stopBy: '2027-03-15',
      stopByCitation: '15 U.S.C. §7704(a)(4)',
      revokedAt: null,
    });
    // CCPA opt-out of sharing: 15 business days (CCPA Regs. §7026(f)).
    expect(byKey['phone/partner_sharing']).toMatchObject({
      value: '+14155550132',
      stopBy: '2027-03-22',
    });
    expect(byKey['post/marketing_contact']!.value).toBe('1 MAIN ST, SPRINGFIELD, IL, 62701, US');
    expect(byKey['email/marketing_contact']!.effectiveAt.toISOString()).toBe(
      '2027-03-01T15:00:00.000Z',
    );

    const audit = await testApp.dataSource
      .getRepository(AuditEntry)
      .findBy({ action: 'suppression.applied', entityId: request.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).not.toContain(subject.email);
    expect(audit[0]!.summary).not.toContain('+1415');
  });

  it('is idempotent per channel, value and scope, and says what it skipped', async () => {
    const subject = await newSubject(staff);
    const payload = {
      channels: ['email', 'phone'] as const,
      scopes: ['marketing_contact'] as const,
    };
    const first = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: { channels: [...payload.channels], scopes: [...payload.scopes] },
    });
    const one = await applyOptOut(testApp, first);
    expect(one.written).toHaveLength(1);
    expect(one.skipped).toEqual([{ channel: 'phone', reason: 'the subject has no phone' }]);
    expect(one.text).toMatch(/phone skipped: the subject has no phone/);
    const second = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: { channels: ['email'], scopes: ['marketing_contact'] },
    });
    const two = await applyOptOut(testApp, second);
    expect(two.written).toHaveLength(0);
    expect(two.alreadyActive).toHaveLength(1);
    expect(await entries().countBy({ value: subject.email })).toBe(1);
  });

  it('falls back to the requester email when no subject is linked', async () => {
    const request = await insertOptOutRequest(testApp, {
      requesterEmail: 'no-subject@example.com',
      payload: { channels: ['email', 'post'], scopes: ['partner_sharing'] },
      jurisdiction: 'gdpr',
    });
    const summary = await applyOptOut(testApp, request);
    expect(summary.written.map((e) => [e.channel, e.value, e.stopBy])).toEqual([
      // GDPR Art. 21(3): the day it took effect.
      ['email', 'no-subject@example.com', '2027-03-01'],
    ]);
    expect(summary.skipped).toEqual([
      { channel: 'post', reason: 'no subject is linked to the request' },
    ]);
  });

  it('the check API answers suppressed, scopes and since, by email (any case) or phone', async () => {
    const subject = await newSubject(staff, { phone: '+44 20 7946 0958' });
    const request = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: { channels: ['email', 'phone'], scopes: ['partner_sharing'] },
    });
    await applyOptOut(testApp, request);
    const res = await check(`email=${encodeURIComponent(`  ${subject.email.toUpperCase()} `)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      suppressed: true,
      scopes: ['partner_sharing'],
      since: '2027-03-01T15:00:00.000Z',
    });
    const byPhone = await check(`phone=${encodeURIComponent('+442079460958')}`);
    expect(byPhone.body).toMatchObject({ suppressed: true, scopes: ['partner_sharing'] });
    const clean = await check('email=never-opted-out@example.com');
    expect(clean.body).toEqual({ suppressed: false, scopes: [], since: null });
    for (const bad of ['', 'email=a@b.c&phone=%2B14155550132', 'phone=12']) {
      const r = await check(bad);
      expect({ status: r.status, code: r.body.code }).toEqual({
        status: 422,
        code: 'validation_failed',
      });
    }
  });

  it('lists entries with the list contract: filters, sort and Content-Range', async () => {
    const subject = await newSubject(staff);
    const request = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: { channels: ['email'], scopes: ['marketing_contact', 'partner_sharing'] },
    });
    await applyOptOut(testApp, request);
    const res = await staff.agent.get(
      `/api/suppressions?filter=${encodeURIComponent(JSON.stringify({ sourceRequestId: request.id, active: true }))}&sort=${encodeURIComponent('["scope","ASC"]')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('suppressions 0-1/2');
    const list = res.body as SuppressionDto[];
    expect(list.map((e) => e.scope)).toEqual(['marketing_contact', 'partner_sharing']);
    expect(list[0]).toMatchObject({
      channel: 'email',
      active: true,
      subject: { id: subject.id, name: 'Opal Outman' },
      sourceReference: request.reference,
    });
    const byQ = await staff.agent.get(
      `/api/suppressions?filter=${encodeURIComponent(JSON.stringify({ q: subject.email.slice(0, 12), channel: 'email' }))}`,
    );
    expect(
      (byQ.body as SuppressionDto[]).every((e) => e.value.startsWith(subject.email.slice(0, 12))),
    ).toBe(true);
    const inactive = await staff.agent.get(
      `/api/suppressions?filter=${encodeURIComponent(JSON.stringify({ sourceRequestId: request.id, active: false }))}`,
    );
    expect(inactive.body).toEqual([]);
    const bad = await staff.agent.get(
      `/api/suppressions?filter=${encodeURIComponent('{"value":"x"}')}`,
    );
    expect(bad.status).toBe(422);
  });

  it('staff cannot delete or edit an entry: there is no such route', async () => {
    const subject = await newSubject(staff);
    const request = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: { channels: ['email'], scopes: ['marketing_contact'] },
    });
    const [entry] = (await applyOptOut(testApp, request)).written;
    for (const who of [staff, admin]) {
      const del = await who.agent.delete(`/api/suppressions/${entry!.id}`).set(who.csrf);
      const put = await who.agent
        .put(`/api/suppressions/${entry!.id}`)
        .set(who.csrf)
        .send({ revokedAt: new Date() });
      const patch = await who.agent.patch(`/api/suppressions/${entry!.id}`).set(who.csrf).send({});
      expect([del.status, put.status, patch.status]).toEqual([404, 404, 404]);
    }
    expect(await entries().findOneBy({ id: entry!.id })).toMatchObject({
      revokedAt: null,
      version: 1,
    });
    const shown = await staff.agent.get(`/api/suppressions/${entry!.id}`);
    expect(shown.body).toMatchObject({ id: entry!.id, active: true });
  });

  it('API keys need the suppressions:read scope (403 without it); staff need the permission', async () => {
    const intakeOnly = await createApiKey(admin, ['requests:create']);
    const reader = await createApiKey(admin, ['suppressions:read']);
    const http = testApp.http();
    const denied = await http
      .get('/api/suppressions/check?email=x@example.com')
      .set('Authorization', `Bearer ${intakeOnly}`);
    expect({ status: denied.status, code: denied.body.code }).toEqual({
      status: 403,
      code: 'forbidden',
    });
    for (const path of ['/api/suppressions', '/api/suppressions/check?email=x@example.com']) {
      const ok = await http.get(path).set('Authorization', `Bearer ${reader}`);
      expect(ok.status).toBe(200);
    }
    const scrub = await http
      .post('/api/suppressions/scrub')
      .set('Authorization', `Bearer ${intakeOnly}`)
      .set('Content-Type', 'text/csv')
      .send('email\nx@example.com\n');
    expect(scrub.status).toBe(403);
    const bogus = await http
      .get('/api/suppressions/check?email=x@example.com')
      .set('Authorization', 'Bearer pdk_nope_nope');
    expect(bogus.status).toBe(401);
    expect((await http.get('/api/suppressions')).status).toBe(401);
    // The request panel is for staff only: an API key does not reach it.
    const panel = await http
      .get('/api/suppressions/requests/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${reader}`);
    expect(panel.status).toBe(401);
  });

  it('an opt-in from a verified request revokes, audited; an unverified one revokes nothing', async () => {
    const subject = await newSubject(staff);
    const out = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: { channels: ['email'], scopes: ['marketing_contact', 'partner_sharing'] },
    });
    await applyOptOut(testApp, out);
    const unverified = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      verified: false,
      payload: { channels: ['email'], scopes: ['marketing_contact'], optIn: true },
    });
    expect((await applyOptOut(testApp, unverified)).revoked).toEqual([]);
    expect(await entries().countBy({ sourceRequestId: out.id, revokedAt: IsNull() })).toBe(2);
    clock.advance(86_400_000);
    const optIn = await insertOptOutRequest(testApp, {
      subjectId: subject.id,
      payload: { channels: ['email'], scopes: ['marketing_contact'], optIn: true },
    });
    const summary = await applyOptOut(testApp, optIn);
    expect(summary.revoked).toHaveLength(1);
    const rows = await entries().findBy({ sourceRequestId: out.id });
    const marketing = rows.find((r) => r.scope === 'marketing_contact')!;
    expect(marketing).toMatchObject({
      revokedByRequestId: optIn.id,
      revokeReason: `The person opted back in (${optIn.reference})`,
    });
    expect(marketing.revokedAt?.toISOString()).toBe('2027-03-02T15:00:00.000Z');
    expect(rows.find((r) => r.scope === 'partner_sharing')!.revokedAt).toBeNull();
    const res = await check(`email=${encodeURIComponent(subject.email)}`);
    expect(res.body).toMatchObject({ suppressed: true, scopes: ['partner_sharing'] });
    const audit = await testApp.dataSource
      .getRepository(AuditEntry)
      .findBy({ action: 'suppression.revoked', entityId: optIn.id });
    expect(audit).toHaveLength(1);
  });

  it('partner marketing to a subject on the list (partner_sharing) is refused', async () => {
    const optedOut = await newSubject(staff, { name: 'Pia Private' });
    const request = await insertOptOutRequest(testApp, {
      subjectId: optedOut.id,
      payload: { channels: ['email'], scopes: ['partner_sharing'] },
    });
    await applyOptOut(testApp, request);
    const body = {
      recipientName: 'Partner Ads Ltd',
      recipientType: 'business_partner',
      basis: 'partner_marketing',
      purpose: 'Joint newsletter',
      dataCategories: ['name', 'email'],
      disclosedAt: '2027-03-01',
      subjects: [{ subjectId: optedOut.id }],
    };
    const refused = await staff.agent.post('/api/disclosures').set(staff.csrf).send(body);
    expect(refused.status).toBe(422);
    expect(refused.body.errors['subjects.0.subjectId']).toMatch(
      /Pia Private opted out of sharing with business partners/,
    );
    const other = await newSubject(staff, { name: 'Mo Marketing' });
    const ok = await staff.agent
      .post('/api/disclosures')
      .set(staff.csrf)
      .send({ ...body, subjects: [{ subjectId: other.id }] });
    expect(ok.status).toBe(201);
  });
});
