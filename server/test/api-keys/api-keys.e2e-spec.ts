import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApiKey } from '../../src/api-keys/api-key.entity.js';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const KEY_FORMAT = /^pdk_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

interface CreatedKey {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  secret: string;
}

describe('API keys', () => {
  let testApp: TestApp;
  let admin: SignedIn;
  let manager: SignedIn;
  let staff: SignedIn;
  let created: CreatedKey;

  const keys = () => testApp.dataSource.getRepository(ApiKey);
  const audit = () => testApp.dataSource.getRepository(AuditEntry);
  const whoami = (authorization?: string) => {
    const req = testApp.http().get('/api/api-keys/whoami');
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };
  const createKey = async (body: object) =>
    admin.agent.post('/api/api-keys').set(admin.csrf).send(body);

  beforeAll(async () => {
    testApp = await startTestApp();
    [admin, manager, staff] = await Promise.all([
      signIn(testApp, DEMO_EMAILS.admin),
      signIn(testApp, DEMO_EMAILS.manager),
      signIn(testApp, DEMO_EMAILS.staff),
    ]);
    const res = await createKey({ name: '  Website request form ', scopes: ['requests:create'] });
    expect(res.status).toBe(201);
    created = res.body as CreatedKey;
  });
  afterAll(() => testApp.close());

  describe('management (admins)', () => {
    it('creates a key and shows the whole key once', () => {
      expect(created).toEqual({
        id: expect.any(String),
        name: 'Website request form',
        prefix: expect.stringMatching(/^[0-9a-f]{8}$/),
        scopes: ['requests:create'],
        createdById: admin.session.user.id,
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
        secret: expect.stringMatching(KEY_FORMAT),
      });
      expect(KEY_FORMAT.exec(created.secret)![1]).toBe(created.prefix);
    });

    it('never shows the key again, and stores only its SHA-256', async () => {
      const list = await admin.agent
        .get('/api/api-keys')
        .query({ filter: JSON.stringify({ q: created.prefix }) });
      expect(list.status).toBe(200);
      expect(list.headers['content-range']).toBe('api-keys 0-0/1');
      const one = await admin.agent.get(`/api/api-keys/${created.id}`);
      expect(one.status).toBe(200);
      // lastUsedAt moves when another test uses the key first.
      const { secret: _secret, lastUsedAt: _used, ...withoutSecret } = created;
      const shown = { ...withoutSecret, lastUsedAt: list.body[0]?.lastUsedAt ?? null };
      expect(list.body).toEqual([shown]);
      expect(one.body).toEqual(shown);
      const secretPart = created.secret.split('_').slice(2).join('_');
      for (const text of [JSON.stringify(list.body), JSON.stringify(one.body)]) {
        expect(text).not.toContain(secretPart);
        expect(text).not.toMatch(/secretHash|secret_hash/);
      }

      const rows = (await testApp.dataSource.query('SELECT * FROM api_keys')) as Record<
        string,
        unknown
      >[];
      const row = rows.find((r) => r.id === created.id);
      expect(row!.secret_hash).toBe(sha256(created.secret));
      expect(JSON.stringify(rows)).not.toContain(secretPart);
    });

    it('audits the creation in the same transaction, without the key', async () => {
      const entry = await audit().findOneByOrFail({
        action: 'api_key.created',
        entityId: created.id,
      });
      expect(entry).toMatchObject({
        entityType: 'api_key',
        actorType: 'user',
        actorId: admin.session.user.id,
      });
      expect(entry.summary).toContain(created.prefix);
      expect(entry.summary).not.toContain(created.secret.slice(13));
    });

    it('answers 422 naming the field for a bad name or scopes, and creates nothing', async () => {
      const cases: [object, string][] = [
        [{ name: 'x', scopes: ['requests:delete'] }, 'scopes'],
        [{ name: 'x', scopes: [] }, 'scopes'],
        [{ name: 'x', scopes: 'requests:create' }, 'scopes'],
        [{ name: 'x', scopes: ['requests:create', 'requests:create'] }, 'scopes'],
        [{ name: 'x' }, 'scopes'],
        [{ name: '   ', scopes: ['requests:create'] }, 'name'],
        [{ name: 'n'.repeat(101), scopes: ['requests:create'] }, 'name'],
        [{ scopes: ['requests:create'] }, 'name'],
        [{ name: 'x', scopes: ['requests:create'], secret: 'mine' }, 'secret'],
      ];
      const before = await keys().count();
      for (const [body, field] of cases) {
        const res = await createKey(body);
        expect({ body, status: res.status, code: res.body.code }).toEqual({
          body,
          status: 422,
          code: 'validation_failed',
        });
        expect(Object.keys(res.body.errors as object)).toEqual([field]);
      }
      expect(await keys().count()).toBe(before);
    });

    it('is for admins only: 403 for managers and staff, who change nothing', async () => {
      const before = await keys().count();
      for (const who of [manager, staff]) {
        const calls = [
          who.agent.get('/api/api-keys'),
          who.agent.get(`/api/api-keys/${created.id}`),
          who.agent
            .post('/api/api-keys')
            .set(who.csrf)
            .send({ name: 'Mine', scopes: ['requests:create'] }),
          who.agent.post(`/api/api-keys/${created.id}/revoke`).set(who.csrf).send({}),
        ];
        for (const res of await Promise.all(calls)) {
          expect({ status: res.status, code: res.body.code }).toEqual({
            status: 403,
            code: 'forbidden',
          });
        }
      }
      expect(await keys().count()).toBe(before);
      expect((await keys().findOneByOrFail({ id: created.id })).revokedAt).toBeNull();
    });

    // Sorting is in api-keys-sort.e2e-spec.ts, on keys whose sort fields all differ.
    it('lists with search and paging; 422 for an unknown sort', async () => {
      const found = await admin.agent
        .get('/api/api-keys')
        .query({ filter: JSON.stringify({ q: created.prefix }) });
      expect(found.body.map((k: { id: string }) => k.id)).toEqual([created.id]);
      const nothing = await admin.agent
        .get('/api/api-keys')
        .query({ filter: JSON.stringify({ q: 'no such key' }) });
      expect(nothing.headers['content-range']).toBe('api-keys 0-0/0');
      const bad = await admin.agent.get('/api/api-keys').query({ sort: '["secretHash","ASC"]' });
      expect(bad.status).toBe(422);
      expect(bad.body.errors).toHaveProperty('sort');
    });

    it('answers 404 for an unknown key', async () => {
      expect((await admin.agent.get(`/api/api-keys/${randomUUID()}`)).status).toBe(404);
      const revoke = await admin.agent
        .post(`/api/api-keys/${randomUUID()}/revoke`)
        .set(admin.csrf)
        .send({});
      expect(revoke.status).toBe(404);
    });
  });

  describe('authentication with a key', () => {
    it('accepts a valid key and tells who it is; records the use at most once a minute', async () => {
      const res = await whoami(`Bearer ${created.secret}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: created.id,
        name: 'Website request form',
        scopes: ['requests:create'],
      });
      const firstUse = (await keys().findOneByOrFail({ id: created.id })).lastUsedAt;
      expect(firstUse).toBeInstanceOf(Date);
      expect(Date.now() - firstUse!.getTime()).toBeLessThan(60_000);

      expect((await whoami(`bearer   ${created.secret}`)).status).toBe(200);
      expect((await keys().findOneByOrFail({ id: created.id })).lastUsedAt).toEqual(firstUse);

      const longAgo = new Date(Date.now() - 5 * 60_000);
      await keys().update({ id: created.id }, { lastUsedAt: longAgo });
      expect((await whoami(`Bearer ${created.secret}`)).status).toBe(200);
      const later = (await keys().findOneByOrFail({ id: created.id })).lastUsedAt!;
      expect(later.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000);
    });

    it('refuses a wrong secret, an unknown prefix and a malformed header with 401 invalid_api_key', async () => {
      const wrongSecret = `pdk_${created.prefix}_${randomBytes(32).toString('base64url')}`;
      const unknownPrefix = created.secret.replace(
        `pdk_${created.prefix}_`,
        `pdk_${created.prefix === 'ffffffff' ? '00000000' : 'ffffffff'}_`,
      );
      const attempts = [
        `Bearer ${wrongSecret}`,
        `Bearer ${unknownPrefix}`,
        `Bearer ${created.secret}x`,
        `Bearer ${created.secret.toUpperCase()}`,
        `Basic ${Buffer.from(`user:${created.secret}`).toString('base64')}`,
        `Bearer`,
        `Bearer pdk_${created.prefix}`,
        `Bearer ${created.secret} extra`,
        created.secret,
      ];
      for (const authorization of attempts) {
        const res = await whoami(authorization);
        expect({ authorization, status: res.status, body: res.body }).toEqual({
          authorization,
          status: 401,
          body: { message: expect.any(String), code: 'invalid_api_key' },
        });
      }
    });

    it('refuses a call without a key with 401, also from a signed-in admin', async () => {
      const none = await whoami();
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('unauthenticated');
      const cookie = await admin.agent.get('/api/api-keys/whoami');
      expect(cookie.status).toBe(401);
      expect(cookie.body.code).toBe('unauthenticated');
    });

    it('does not let a key into routes for signed-in staff', async () => {
      const res = await testApp
        .http()
        .get('/api/api-keys')
        .set('Authorization', `Bearer ${created.secret}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    });

    it('answers 403 to a key without the scope the route needs', async () => {
      const prefix = randomBytes(4).toString('hex');
      const secret = `pdk_${prefix}_${randomBytes(32).toString('base64url')}`;
      await keys().insert(
        Object.assign(new ApiKey(), {
          id: randomUUID(),
          name: 'No scopes',
          prefix,
          secretHash: sha256(secret),
          scopes: [],
          createdById: admin.session.user.id,
          createdAt: new Date(),
          lastUsedAt: null,
          revokedAt: null,
        }),
      );
      const res = await whoami(`Bearer ${secret}`);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ message: expect.any(String), code: 'forbidden' });
    });
  });

  describe('revocation', () => {
    it('revokes at once, idempotently, with one audit entry; the key then gets 401', async () => {
      // A key of its own: the other tests need theirs to stay valid, in any order.
      const { body: doomed } = (await createKey({
        name: 'Doomed',
        scopes: ['requests:create'],
      })) as { body: CreatedKey };
      expect((await whoami(`Bearer ${doomed.secret}`)).status).toBe(200);
      const first = await admin.agent
        .post(`/api/api-keys/${doomed.id}/revoke`)
        .set(admin.csrf)
        .send();
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ id: doomed.id, revokedAt: expect.any(String) });
      expect(first.body).not.toHaveProperty('secret');

      const again = await admin.agent
        .post(`/api/api-keys/${doomed.id}/revoke`)
        .set(admin.csrf)
        .send();
      expect(again.status).toBe(200);
      expect(again.body.revokedAt).toBe(first.body.revokedAt);
      expect(await audit().countBy({ action: 'api_key.revoked', entityId: doomed.id })).toBe(1);

      const res = await whoami(`Bearer ${doomed.secret}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: expect.any(String), code: 'invalid_api_key' });
    });

    it('needs the CSRF token when an admin revokes with the session cookie', async () => {
      const other = await createKey({ name: 'Other', scopes: ['requests:create'] });
      const res = await admin.agent.post(`/api/api-keys/${other.body.id}/revoke`).send();
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('csrf_token_invalid');
      expect((await keys().findOneByOrFail({ id: other.body.id })).revokedAt).toBeNull();
    });
  });
});
