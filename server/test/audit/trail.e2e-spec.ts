import { AuditService } from '../../src/audit/audit.service.js';
import type { AuditAction, AuditedRecordType } from '@privacy-desk/shared';
import { TransactionService } from '../../src/database/transaction.service.js';
import type { AuditEntryDto } from '../../src/audit/audit.dto.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/** Bypasses the append-only triggers, as someone with raw database access could. */
async function tamper(testApp: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  const isPostgres = testApp.dataSource.options.type === 'postgres';
  const queryRunner = testApp.dataSource.createQueryRunner();
  try {
    if (isPostgres) {
      await queryRunner.query(
        'ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only',
      );
      await queryRunner.query(
        sql.replace(/\?/g, (_, i: number) => `$${sql.slice(0, i).split('?').length}`),
        params,
      );
      await queryRunner.query('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only');
    } else {
      await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_no_update');
      await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_no_delete');
      await queryRunner.query(sql, params);
    }
  } finally {
    await queryRunner.release();
  }
}

describe('audit trail', () => {
  let testApp: TestApp;
  let officer: SignedIn;

  beforeEach(async () => {
    // No job runner: a recurring checkpoint signing an entry that a test later deletes would
    // add its own break ("recorded by the checkpoint … is missing") whenever the poll came late.
    testApp = await startTestApp({ JOBS_ENABLED: 'false' });
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
  });
  afterEach(() => testApp.close());

  async function makeSomeEntries(): Promise<void> {
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    for (const name of ['one', 'two', 'three']) {
      await admin.agent
        .post('/api/users')
        .set(admin.csrf)
        .send({ email: `${name}@example.com`, name, role: 'staff', password: 'a-long-password-1' })
        .expect(201);
    }
  }

  it('verifies an intact chain', async () => {
    await makeSomeEntries();
    const res = await officer.agent.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, checked: expect.any(Number) });
    expect(res.body.checked).toBeGreaterThanOrEqual(9);
    expect(res.body.lastSeq).toBe(res.body.checked);
  });

  it('names the first broken entry when a row is edited in the database', async () => {
    await makeSomeEntries();
    await tamper(testApp, 'UPDATE audit_entries SET summary = ? WHERE seq = ?', [
      'Nothing to see here',
      3,
    ]);
    const res = await officer.agent.get('/api/audit/verify');
    expect(res.body).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('altered'),
    });
  });

  it('lists every break through the API, each with its seq and reason', async () => {
    await makeSomeEntries();
    await tamper(testApp, 'UPDATE audit_entries SET summary = ? WHERE seq = ?', ['edited', 2]);
    await tamper(testApp, 'DELETE FROM audit_entries WHERE seq = ?', [4]);
    await tamper(testApp, 'UPDATE audit_entries SET summary = ? WHERE seq = ?', ['edited', 7]);
    const res = await officer.agent.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: false, brokenAt: 2, moreBreaks: 0 });
    expect(res.body.breaks).toEqual([
      { seq: 2, reason: expect.stringContaining('entry #2 was altered') },
      { seq: 4, reason: 'entry #4 is missing' },
      { seq: 7, reason: expect.stringContaining('entry #7 was altered') },
    ]);
  });

  it('stores and MACs the same bytes: a lone surrogate, astral characters and a cut at 500 verify', async () => {
    const audit = testApp.app.get(AuditService);
    const tx = testApp.app.get(TransactionService);
    const summaries = [
      'Created API key partner \ud800 key',
      'Renamed \udfff to 😀 🎉 𝄞',
      `${'x'.repeat(499)}😀 and more`,
    ];
    for (const summary of summaries) {
      await tx.run(() =>
        audit.record(
          { type: 'system', id: null, label: 'lone \udc00 label' },
          { action: 'test.text' as AuditAction, entityType: 'test' as AuditedRecordType, summary },
        ),
      );
    }
    const res = await officer.agent.get('/api/audit/verify');
    expect(res.body).toMatchObject({ ok: true, breaks: [] });
    const stored = await officer.agent
      .get('/api/audit')
      .query({ filter: JSON.stringify({ action: 'test.text' }), sort: '["seq","ASC"]' });
    expect(stored.body.map((e: { summary: string }) => e.summary)).toEqual([
      'Created API key partner \ufffd key',
      'Renamed \ufffd to 😀 🎉 𝄞',
      `${'x'.repeat(499)}😀`,
    ]);
    expect(stored.body[0].actorLabel).toBe('lone \ufffd label');
  });

  it('names the gap when a row is deleted', async () => {
    await makeSomeEntries();
    await tamper(testApp, 'DELETE FROM audit_entries WHERE seq = ?', [5]);
    const res = await officer.agent.get('/api/audit/verify');
    expect(res.body).toMatchObject({
      ok: false,
      brokenAt: 5,
      reason: expect.stringContaining('missing'),
    });
  });

  it('detects rows swapped into another order', async () => {
    await makeSomeEntries();
    await tamper(testApp, 'UPDATE audit_entries SET seq = -1 WHERE seq = 4');
    await tamper(testApp, 'UPDATE audit_entries SET seq = 4 WHERE seq = 6');
    await tamper(testApp, 'UPDATE audit_entries SET seq = 6 WHERE seq = -1');
    const res = await officer.agent.get('/api/audit/verify');
    expect(res.body).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('refuses UPDATE and DELETE on the audit table at the database itself', async () => {
    await expect(
      testApp.dataSource.query("UPDATE audit_entries SET summary = 'x' WHERE seq = 1"),
    ).rejects.toThrow(/append-only/);
    await expect(
      testApp.dataSource.query('DELETE FROM audit_entries WHERE seq = 1'),
    ).rejects.toThrow(/append-only/);
  });

  it('rolls the audit entry back with the change it records', async () => {
    const audit = testApp.app.get(AuditService);
    const tx = testApp.app.get(TransactionService);
    const before = (await officer.agent.get('/api/audit/verify')).body.checked as number;
    await expect(
      tx.run(async () => {
        await audit.record(
          { type: 'system', id: null, label: 'test' },
          {
            action: 'test.fail' as AuditAction,
            entityType: 'test' as AuditedRecordType,
            summary: 'will roll back',
          },
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const after = await officer.agent.get('/api/audit/verify');
    expect(after.body).toMatchObject({ ok: true, checked: before });
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const audit = testApp.app.get(AuditService);
    const tx = testApp.app.get(TransactionService);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        tx.run(() =>
          audit.record(
            { type: 'system', id: null, label: 'test' },
            {
              action: 'test.concurrent' as AuditAction,
              entityType: 'test' as AuditedRecordType,
              entityId: String(i),
              summary: `write ${i}`,
            },
          ),
        ),
      ),
    );
    const res = await officer.agent.get('/api/audit/verify');
    expect(res.body.ok).toBe(true);
    const list = await officer.agent
      .get('/api/audit')
      .query({ filter: JSON.stringify({ action: 'test.concurrent' }), range: '[0,99]' });
    expect(list.headers['content-range']).toBe('audit 0-39/40');
  });

  it('lists entries newest first with whitelisted filters and a Content-Range', async () => {
    await makeSomeEntries();
    const res = await officer.agent.get('/api/audit').query({
      filter: JSON.stringify({ action: 'user.created' }),
      sort: '["seq","DESC"]',
      range: '[0,1]',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('audit 0-1/7');
    expect(res.body).toHaveLength(2);
    expect(res.body[0].seq).toBeGreaterThan(res.body[1].seq);
    expect(res.body[0]).toMatchObject({
      id: res.body[0].seq,
      actorType: 'user',
      entityType: 'user',
      summary: 'Created a Staff account',
    });

    const bad = await officer.agent.get('/api/audit').query({ sort: '["hash","ASC"]' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toHaveProperty('sort');
  });

  it('keeps personal data out of summaries', async () => {
    // Markers no summary could hold by chance ("phone" and "done" would match "one").
    const people = ['Zq7PiiAlpha', 'Zq7PiiBravo', 'Zq7PiiCharlie'];
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    const userIds: string[] = [];
    for (const name of people) {
      const created = await admin.agent
        .post('/api/users')
        .set(admin.csrf)
        .send({
          email: `${name.toLowerCase()}@example.com`,
          name,
          role: 'staff',
          password: 'a-long-password-1',
        })
        .expect(201);
      userIds.push(created.body.id as string);
    }
    const staff = await signIn(testApp, DEMO_EMAILS.staff);
    const subject = await staff.agent
      .post('/api/subjects')
      .set(staff.csrf)
      .send({ name: 'Zq7PiiSubject', email: 'zq7piimail@example.com', city: 'Zq7PiiCity' })
      .expect(201);
    await staff.agent
      .put(`/api/subjects/${subject.body.id}`)
      .set(staff.csrf)
      .send({ city: 'Zq7PiiNewCity', version: subject.body.version })
      .expect(200);

    const res = await officer.agent.get('/api/audit').query({ range: '[0,499]' });
    const entries = res.body as AuditEntryDto[];
    const total = (await officer.agent.get('/api/audit/verify')).body.checked as number;
    expect(entries).toHaveLength(total);
    const about = (id: string) => entries.filter((e) => e.entityId === id).map((e) => e.action);
    for (const id of userIds) expect(about(id)).toEqual(['user.created']);
    expect(about(subject.body.id as string)).toEqual(
      expect.arrayContaining(['subject.created', 'subject.updated']),
    );
    const leaks = entries.filter((e) => /zq7pii/i.test(JSON.stringify(e))).map((e) => e.summary);
    expect(leaks).toEqual([]);
  });

  it('records only inside a transaction, so an entry commits with its change', async () => {
    const audit = testApp.app.get(AuditService);
    const tx = testApp.app.get(TransactionService);
    const actor = { type: 'system', id: null, label: 'test' } as const;
    const record = {
      action: 'test.outside' as AuditAction,
      entityType: 'test' as AuditedRecordType,
      summary: 'outside',
    };
    const before = (await officer.agent.get('/api/audit/verify')).body.checked as number;
    await expect(audit.record(actor, record)).rejects.toThrow(
      'AuditService.record must run inside TransactionService.run',
    );
    expect((await officer.agent.get('/api/audit/verify')).body).toMatchObject({
      ok: true,
      checked: before,
    });

    const entry = await tx.run(() =>
      audit.record(actor, { ...record, action: 'test.inside' as AuditAction }),
    );
    expect(entry.seq).toBe(before + 1);
    expect((await officer.agent.get('/api/audit/verify')).body).toMatchObject({
      ok: true,
      checked: before + 1,
    });
  });
});
