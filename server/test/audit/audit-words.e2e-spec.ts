import { AUDIT_ACTION_LABELS, isAuditAction } from '@privacy-desk/shared';
import type { AuditEntryDto } from '../../src/audit/audit.dto.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

/** The audit log read by a person: actions in words, and the records named and linked. */
describe('audit log in words', () => {
  let testApp: TestApp;
  let officer: SignedIn;

  beforeAll(async () => {
    // The demo desk writes its requests, subjects and history through the production services.
    testApp = await startTestApp({ SEED_DEMO_REQUESTS: 'true' });
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
  });
  afterAll(() => testApp.close());

  async function allEntries(filter: Record<string, unknown> = {}): Promise<AuditEntryDto[]> {
    const entries: AuditEntryDto[] = [];
    for (let start = 0; ; start += 500) {
      const res = await officer.agent.get('/api/audit').query({
        filter: JSON.stringify(filter),
        range: JSON.stringify([start, start + 499]),
        sort: '["seq","ASC"]',
      });
      expect(res.status).toBe(200);
      entries.push(...(res.body as AuditEntryDto[]));
      if ((res.body as unknown[]).length < 500) return entries;
    }
  }

  it('writes only catalogued actions, each shown in its words', async () => {
    const entries = await allEntries();
    expect(entries.length).toBeGreaterThan(50);
    const uncatalogued = entries.filter((e) => !isAuditAction(e.action)).map((e) => e.action);
    expect(uncatalogued).toEqual([]);
    for (const entry of entries) {
      expect(entry.actionLabel).toBe(
        AUDIT_ACTION_LABELS[entry.action as keyof typeof AUDIT_ACTION_LABELS],
      );
      expect(entry.entityTypeLabel).not.toMatch(/_/);
    }
    expect(new Set(entries.map((e) => e.action)).size).toBeGreaterThan(5);
  });

  it('names each request by its reference and each account by its name, never a subject', async () => {
    const entries = await allEntries();
    const requests = await testApp.dataSource.query('SELECT id, reference FROM privacy_requests');
    const referenceOf = new Map<string, string>(
      (requests as { id: string; reference: string }[]).map((r) => [r.id, r.reference]),
    );
    const aboutRequests = entries.filter((e) => e.entityType === 'request' && e.entityId);
    expect(aboutRequests.length).toBeGreaterThan(0);
    for (const entry of aboutRequests) {
      expect(entry.entityTypeLabel).toBe('Request');
      expect(entry.entityLabel).toBe(referenceOf.get(entry.entityId!));
    }
    const aboutSubjects = entries.filter((e) => e.entityType === 'subject');
    expect(aboutSubjects.length).toBeGreaterThan(0);
    expect(aboutSubjects.map((e) => e.entityLabel).filter(Boolean)).toEqual([]);

    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    const created = await admin.agent.post('/api/users').set(admin.csrf).send({
      email: 'nora@example.com',
      name: 'Nora Newhire',
      role: 'staff',
      password: 'a-long-password-1',
    });
    expect(created.status).toBe(201);
    const filter = JSON.stringify({ action: 'user.created', entityId: created.body.id });
    // An account's name is shown to those who may read accounts (admins), not to the officer.
    const asAdmin = await admin.agent.get('/api/audit').query({ filter });
    expect(asAdmin.body).toEqual([
      expect.objectContaining({
        action: 'user.created',
        actionLabel: 'User: account created',
        entityType: 'user',
        entityTypeLabel: 'User',
        entityLabel: 'Nora Newhire',
      }),
    ]);
    const seq = (asAdmin.body as AuditEntryDto[])[0]!.seq;
    expect((await admin.agent.get(`/api/audit/${seq}`)).body).toMatchObject({
      entityLabel: 'Nora Newhire',
      actionLabel: 'User: account created',
    });
    const [asOfficer] = await allEntries({ action: 'user.created', entityId: created.body.id });
    expect(asOfficer).toMatchObject({ entityTypeLabel: 'User', entityLabel: null });
    // ...and a request's reference to those who may read requests (not admins).
    const requestEntry = aboutRequests[0]!;
    const adminView = await admin.agent.get(`/api/audit/${requestEntry.seq}`);
    expect(adminView.body).toMatchObject({ entityTypeLabel: 'Request', entityLabel: null });
  });

  it('filters by an action chosen from the list', async () => {
    const claimed = await allEntries({ action: 'request.claim' });
    expect(claimed.length).toBeGreaterThan(0);
    expect(new Set(claimed.map((e) => e.actionLabel))).toEqual(new Set(['Request: claimed']));
  });

  it('keeps the CSV readable: the action in words beside its code', async () => {
    const res = await officer.agent
      .get('/api/audit')
      .query({ format: 'csv', filter: '{"action":"request.claim"}' });
    expect(res.status).toBe(200);
    const [header, first] = res.text.split(/\r?\n/);
    expect(header).toContain('Action,What happened,Entity type');
    expect(first).toContain('request.claim,Request: claimed,request');
  });
});
