import { HttpException } from '@nestjs/common';
import pg from 'pg';
import { In, Not } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { cliActor } from '../src/auth/actor.js';
import { User } from '../src/users/user.entity.js';
import { UsersService } from '../src/users/users.service.js';
import { DEMO_EMAILS, signIn, startTestApp } from './support/test-app.js';
import type { SignedIn, TestApp } from './support/test-app.js';

/** What the API would answer for a service call that is refused. */
async function refusalOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof HttpException) {
      return { status: error.getStatus(), body: error.getResponse() };
    }
    throw error;
  }
  throw new Error('the call was not refused');
}

describe('users', () => {
  let testApp: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signIn(testApp, DEMO_EMAILS.admin);
  });
  afterAll(() => testApp.close());

  const create = (body: object) => admin.agent.post('/api/users').set(admin.csrf).send(body);

  it('creates a user with a hashed password, and audits it in the same transaction', async () => {
    const res = await create({
      email: ' Pat@Example.COM ',
      name: 'Pat Example',
      role: 'manager',
      password: 'pat-password-123',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'pat@example.com',
      role: 'manager',
      active: true,
      version: 1,
    });
    expect(res.body).not.toHaveProperty('passwordHash');
    const row = await testApp.dataSource.getRepository(User).findOneByOrFail({ id: res.body.id });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const entry = await testApp.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'user.created', entityId: res.body.id });
    expect(entry.actorId).toBe(admin.session.user.id);
  });

  it('answers 422 with field errors for bad input, and for a taken email', async () => {
    const bad = await create({
      email: 'not-an-email',
      name: '',
      role: 'overlord',
      password: 'short',
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['email', 'name', 'password', 'role']);
    await create({
      email: 'taken@example.com',
      name: 'Taken',
      role: 'staff',
      password: 'taken-password-123',
    });
    const taken = await create({
      email: 'TAKEN@example.com',
      name: 'Pat Two',
      role: 'staff',
      password: 'pat-password-123',
    });
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toEqual({ email: expect.stringContaining('already exists') });
  });

  it('lists with sort, range, filter and Content-Range; rejects fields outside the whitelist', async () => {
    const page = await admin.agent
      .get('/api/users')
      .query({ sort: '["email","ASC"]', range: '[0,1]', filter: '{"active":true}' });
    expect(page.status).toBe(200);
    expect(page.headers['content-range']).toMatch(/^users 0-1\/\d+$/);
    expect(page.body.map((u: { email: string }) => u.email)).toEqual([
      'admin@demo.test',
      'compliance@demo.test',
    ]);

    for (const [email, role] of [
      ['lister-one@example.com', 'manager'],
      ['lister-two@example.com', 'staff'],
    ]) {
      expect(
        (await create({ email, name: 'Lister', role, password: 'lister-password-1' })).status,
      ).toBe(201);
    }
    const search = await admin.agent
      .get('/api/users')
      .query({ sort: '["email","ASC"]', filter: '{"q":"LISTER"}' });
    expect(search.body.map((u: { email: string }) => u.email)).toEqual([
      'lister-one@example.com',
      'lister-two@example.com',
    ]);

    const byRole = await admin.agent
      .get('/api/users')
      .query({ filter: '{"q":"lister","role":["manager"]}' });
    expect(byRole.body.map((u: { email: string }) => u.email)).toEqual(['lister-one@example.com']);

    for (const query of [
      { sort: '["passwordHash","ASC"]' },
      { filter: '{"passwordHash":"x"}' },
      { range: '[5,1]' },
      { filter: 'nope' },
    ]) {
      const res = await admin.agent.get('/api/users').query(query);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('refuses a stale version with 409 and keeps the newer change', async () => {
    const { body: user } = await create({
      email: 'edit@example.com',
      name: 'Edit Me',
      role: 'staff',
      password: 'edit-password-123',
    });
    const first = await admin.agent
      .put(`/api/users/${user.id}`)
      .set(admin.csrf)
      .send({ name: 'First Edit', version: 1 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await admin.agent
      .put(`/api/users/${user.id}`)
      .set(admin.csrf)
      .send({ name: 'Stale Edit', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('stale_version');
    const row = await testApp.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
    expect(row.name).toBe('First Edit');
  });

  it('accepts the whole record react-admin sends back on edit', async () => {
    const { body: user } = await create({
      email: 'roundtrip@example.com',
      name: 'Round Trip',
      role: 'staff',
      password: 'edit-password-123',
    });
    const res = await admin.agent
      .put(`/api/users/${user.id}`)
      .set(admin.csrf)
      .send({ ...user, role: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('manager');
  });

  it('will not let an admin deactivate or demote themself, with the current version', async () => {
    const me = admin.session.user.id;
    const { version } = (await admin.agent.get(`/api/users/${me}`).expect(200)).body as {
      version: number;
    };
    const self = await admin.agent.post(`/api/users/${me}/deactivate`).set(admin.csrf).send();
    expect([self.status, self.body.code]).toEqual([409, 'conflict']);
    expect(self.body.message).toBe('You cannot deactivate your own account; ask another admin.');
    const demote = await admin.agent
      .put(`/api/users/${me}`)
      .set(admin.csrf)
      .send({ role: 'staff', version });
    expect([demote.status, demote.body.code]).toEqual([409, 'conflict']);
    expect(demote.body.message).toBe(
      'You cannot change the role of your own account; ask another admin.',
    );
    const deactivateByEdit = await admin.agent
      .put(`/api/users/${me}`)
      .set(admin.csrf)
      .send({ active: false, version });
    expect([deactivateByEdit.status, deactivateByEdit.body.code]).toEqual([409, 'conflict']);
    const row = await testApp.dataSource.getRepository(User).findOneByOrFail({ id: me });
    expect([row.role, row.active, row.version]).toEqual(['admin', true, version]);
  });

  it('will not remove the last active admin, by demoting or deactivating', async () => {
    // Over HTTP only an admin manages users, so another admin acting means two admins: the
    // last-admin rule is reached by an actor that is not an admin account (here the CLI's).
    const users = testApp.app.get(UsersService);
    const lastAdmin = await testApp.dataSource
      .getRepository(User)
      .findOneByOrFail({ id: admin.session.user.id });
    expect(
      await refusalOf(
        users.update(cliActor(), lastAdmin.id, { role: 'staff', version: lastAdmin.version }),
      ),
    ).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'You cannot change the role of the last active admin.' },
    });
    expect(
      await refusalOf(
        users.update(cliActor(), lastAdmin.id, { active: false, version: lastAdmin.version }),
      ),
    ).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'You cannot deactivate the last active admin.' },
    });
    expect(await refusalOf(users.deactivate(cliActor(), lastAdmin.id))).toEqual({
      status: 409,
      body: { code: 'conflict', message: 'You cannot deactivate the last active admin.' },
    });
    const row = await testApp.dataSource.getRepository(User).findOneByOrFail({ id: lastAdmin.id });
    expect([row.role, row.active, row.version]).toEqual(['admin', true, lastAdmin.version]);

    // With a second active admin, the same change goes through.
    const second = await create({
      email: 'second-admin@example.com',
      name: 'Second Admin',
      role: 'admin',
      password: 'second-admin-password',
    });
    expect(second.status).toBe(201);
    const demoted = await users.update(cliActor(), second.body.id, {
      role: 'staff',
      version: second.body.version,
    });
    expect(demoted.role).toBe('staff');
  });

  // SQLite runs one write transaction at a time, so the race below exists only on PostgreSQL.
  if (process.env.TEST_DATABASE_URL?.startsWith('postgres')) {
    it('keeps one admin when two admins are demoted at the same moment (PostgreSQL)', async () => {
      const users = testApp.app.get(UsersService);
      const repo = testApp.dataSource.getRepository(User);
      const racer = await create({
        email: 'racing-admin@example.com',
        name: 'Racing Admin',
        role: 'admin',
        password: 'racing-admin-password',
      });
      expect(racer.status).toBe(201);
      await repo.update(
        { role: 'admin', id: Not(In([admin.session.user.id, racer.body.id])) },
        {
          active: false,
        },
      );
      expect(await repo.countBy({ role: 'admin', active: true })).toBe(2);

      // Another transaction demotes the racer and has not committed yet...
      const other = new pg.Client({ connectionString: testApp.db.url });
      // pg_stat_activity is read from a snapshot held until the reader's transaction ends, so
      // the lock is watched from a connection outside the open transaction.
      const watcher = new pg.Client({ connectionString: testApp.db.url });
      await other.connect();
      await watcher.connect();
      try {
        await other.query(`SET search_path TO ${testApp.db.schema}`);
        await other.query('BEGIN');
        await other.query(`UPDATE users SET role = 'staff', version = version + 1 WHERE id = $1`, [
          racer.body.id,
        ]);
        const otherPid: number = (await other.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        // ...while the racer demotes the first admin, who still counts as the second admin.
        const me = await repo.findOneByOrFail({ id: admin.session.user.id });
        let settled = false;
        const demotion = refusalOf(
          users.update(cliActor(), me.id, { role: 'staff', version: me.version }),
        ).then(
          (refusal) => ({ refusal }),
          (error: unknown) => ({ error }),
        );
        void demotion.then(() => (settled = true));
        const waitingOnLock = async () => {
          while (!settled) {
            const { rows } = await watcher.query(
              `SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE $1 = ANY(pg_blocking_pids(pid))
                  AND query ILIKE '%users%' AND query ILIKE '%FOR UPDATE%'`,
              [otherPid],
            );
            if (rows[0].n > 0) return 'waiting on the lock';
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return 'finished without waiting';
        };
        // Without the lock the demotion reads the old row and finishes before the commit.
        expect(await waitingOnLock()).toBe('waiting on the lock');
        await other.query('COMMIT');
        expect(await demotion).toEqual({
          refusal: {
            status: 409,
            body: {
              code: 'conflict',
              message: 'You cannot change the role of the last active admin.',
            },
          },
        });
      } finally {
        await other.end();
        await watcher.end();
      }
      expect(await repo.countBy({ role: 'admin', active: true })).toBe(1);
    });
  }

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await admin.agent.get('/api/users/9b2f7a8e-1c1d-4e6b-9a57-0d2c5b1f0e11')).status).toBe(
      404,
    );
    expect((await admin.agent.get('/api/users/not-a-uuid')).status).toBe(404);
  });
});
