import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import {
  aliasedColumns,
  findFirstRow,
  findOneRow,
  findRowsWhereIn,
  readEntities,
} from '../../src/common/persistence/plain-reads.js';
import { DisclosureSubject } from '../../src/disclosures/disclosure-subject.entity.js';
import { insertRow, updateRowVersioned } from '../../src/common/persistence/plain-writes.js';
import { SessionRepository } from '../../src/auth/session.repository.js';
import { PrivacyRequest } from '../../src/requests/privacy-request.entity.js';
import { DEMO_EMAILS, signIn, startTestApp } from '../support/test-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * The plain statements of the busy paths read and write every table's rows exactly as TypeORM
 * does (the driver's own conversions: dates, booleans, JSON, transformers), on the demo desk's
 * real rows. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
 */
describe('plain statements against TypeORM', () => {
  let testApp: TestApp;

  /** Entities whose rows every check below must have covered. */
  const BUSY_PATHS = ['PrivacyRequest', 'MailMessage', 'Subject', 'Session', 'User', 'ApiKey'];

  beforeAll(async () => {
    testApp = await startTestApp({ SEED_DEMO_REQUESTS: 'true' });
    const admin = await signIn(testApp, DEMO_EMAILS.admin);
    await admin.agent
      .post('/api/api-keys')
      .set(admin.csrf)
      .send({ name: 'Partner intake', scopes: ['requests:create'] })
      .expect(201);
    await signIn(testApp, DEMO_EMAILS.staff);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const target = (metadata: EntityMetadata) => metadata.target as new () => ObjectLiteral;
  const primary = (metadata: EntityMetadata) => metadata.primaryColumns[0]!;

  /** Runs `work` in a transaction that is rolled back, whatever it wrote. */
  async function rolledBack(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    const runner = testApp.dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await work(runner.manager);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  function withRows(): EntityMetadata[] {
    return testApp.dataSource.entityMetadatas;
  }

  it("carries the busy paths' entities itself: none has listeners or subscribers to honour", () => {
    const fallingBack = testApp.dataSource.entityMetadatas
      .filter((m) => BUSY_PATHS.includes(m.name))
      .filter((m) => aliasedColumns(testApp.dataSource.manager, target(m), 'row') === null)
      .map((m) => m.name);
    expect(fallingBack).toEqual([]);
  });

  it('reads the same entities as getMany, in the same order, for every table', async () => {
    const covered: string[] = [];
    for (const metadata of withRows()) {
      const qb = () =>
        testApp.dataSource
          .getRepository(target(metadata))
          .createQueryBuilder('row')
          .orderBy(`row.${primary(metadata).propertyName}`, 'ASC')
          .take(50);
      const expected = await qb().getMany();
      const actual = await readEntities(qb());
      expect({ entity: metadata.name, rows: actual }).toEqual({
        entity: metadata.name,
        rows: expected,
      });
      actual.forEach((row) => expect(row).toBeInstanceOf(target(metadata)));
      if (expected.length > 0) covered.push(metadata.name);
    }
    expect(covered).toEqual(expect.arrayContaining(BUSY_PATHS));
  });

  it('finds one row as findOneBy does, and nothing for an unknown key', async () => {
    const covered: string[] = [];
    for (const metadata of withRows()) {
      const repo = testApp.dataSource.getRepository(target(metadata));
      const key = primary(metadata).propertyName;
      const [first] = await repo.find({ take: 1 });
      if (!first) continue;
      const where = { [key]: first[key] as string };
      expect(await findOneRow(testApp.dataSource.manager, target(metadata), where)).toEqual(
        await repo.findOneBy(where),
      );
      covered.push(metadata.name);
    }
    expect(covered).toEqual(expect.arrayContaining(BUSY_PATHS));
    expect(
      await findOneRow(testApp.dataSource.manager, target(withRows()[0]!), {
        [primary(withRows()[0]!).propertyName]: randomUUID(),
      }),
    ).toBeNull();
  });

  it('finds the first row of a condition in an order as findOne does, for every table', async () => {
    const covered: string[] = [];
    const manager = testApp.dataSource.manager;
    for (const metadata of withRows()) {
      const repo = testApp.dataSource.getRepository(target(metadata));
      const key = primary(metadata);
      const column = manager.connection.driver.escape(key.databaseName);
      const expected = await repo.findOne({ where: {}, order: { [key.propertyName]: 'DESC' } });
      if (!expected) continue;
      const actual = await findFirstRow(
        manager,
        target(metadata),
        { where: `${column} IS NOT NULL`, orderBy: `${column} DESC` },
        [],
      );
      expect({ entity: metadata.name, row: actual }).toEqual({
        entity: metadata.name,
        row: expected,
      });
      expect(actual).toBeInstanceOf(target(metadata));
      covered.push(metadata.name);
    }
    expect(covered).toEqual(expect.arrayContaining(BUSY_PATHS));

    // The queue's own shape, with values, on the demo desk's requests.
    const queued = await testApp.dataSource.getRepository(PrivacyRequest).findOne({
      where: { status: 'new', kind: 'access' },
      order: { dueAt: 'ASC', receivedAt: 'ASC', id: 'ASC' },
    });
    expect(queued).not.toBeNull();
    const shape = {
      where: 'status = ? AND kind = ?',
      orderBy: 'due_at ASC, received_at ASC, id ASC',
    };
    expect(await findFirstRow(manager, PrivacyRequest, shape, ['new', 'access'])).toEqual(queued);
    expect(await findFirstRow(manager, PrivacyRequest, shape, ['new', 'no-such-kind'])).toBeNull();
  });

  it('finds the rows whose column is one of some values as findBy with In does, for every table', async () => {
    const covered: string[] = [];
    const byKey = (metadata: EntityMetadata) => (a: ObjectLiteral, b: ObjectLiteral) =>
      String(a[primary(metadata).propertyName]).localeCompare(
        String(b[primary(metadata).propertyName]),
      );
    for (const metadata of withRows()) {
      const repo = testApp.dataSource.getRepository(target(metadata));
      const key = primary(metadata).propertyName;
      const rows = await repo.find({ take: 5 });
      if (rows.length === 0) continue;
      // A repeated value and one that matches nothing change nothing.
      const unknown = typeof rows[0]![key] === 'number' ? '-1' : randomUUID();
      const values = [...rows.map((row) => String(row[key])), String(rows[0]![key]), unknown];
      const expected = (await repo.findBy({ [key]: In(values) })).sort(byKey(metadata));
      const actual = await findRowsWhereIn(
        testApp.dataSource.manager,
        target(metadata),
        key,
        values,
      );
      expect({ entity: metadata.name, rows: actual.sort(byKey(metadata)) }).toEqual({
        entity: metadata.name,
        rows: expected,
      });
      actual.forEach((row) => expect(row).toBeInstanceOf(target(metadata)));
      covered.push(metadata.name);
    }
    expect(covered).toEqual(
      expect.arrayContaining([...BUSY_PATHS, 'Disclosure', 'DisclosureSubject']),
    );

    // By a column other than the key: a disclosure's subject links.
    const links = testApp.dataSource.getRepository(DisclosureSubject);
    const disclosureIds = [...new Set((await links.find({ take: 3 })).map((l) => l.disclosureId))];
    const viaTypeOrm = await links.findBy({ disclosureId: In(disclosureIds) });
    const viaPlain = await findRowsWhereIn(
      testApp.dataSource.manager,
      DisclosureSubject,
      'disclosureId',
      disclosureIds,
    );
    expect(viaPlain.length).toBeGreaterThan(0);
    expect(viaPlain).toEqual(expect.arrayContaining(viaTypeOrm));
    expect(viaPlain).toHaveLength(viaTypeOrm.length);
    expect(
      await findRowsWhereIn(testApp.dataSource.manager, DisclosureSubject, 'disclosureId', []),
    ).toEqual([]);
  });

  it('inserts a copy of every row that reads back equal through TypeORM', async () => {
    const covered: string[] = [];
    for (const metadata of withRows()) {
      // A copy needs a key of its own: entities keyed by their parents' ids are left out.
      if (metadata.primaryColumns.length !== 1 || primary(metadata).propertyName !== 'id') continue;
      const [original] = await testApp.dataSource.getRepository(target(metadata)).find({ take: 1 });
      if (!original) continue;
      const unique = new Set(
        [...metadata.indices.filter((i) => i.isUnique), ...metadata.uniques].flatMap((i) =>
          i.columns.map((c) => c.propertyName),
        ),
      );
      const key = primary(metadata);
      const copy = { ...original } as Record<string, unknown>;
      if (key.isGenerated) delete copy[key.propertyName];
      else copy[key.propertyName] = randomUUID();
      // Another value of the same length for each unique column.
      for (const property of unique) {
        const value = copy[property];
        if (typeof value === 'string')
          copy[property] = value.replace(/^./, (c) => (c === 'z' ? 'y' : 'z'));
      }
      await rolledBack(async (manager) => {
        await insertRow(manager, target(metadata), Object.assign(metadata.create(), copy));
        const where = key.isGenerated
          ? Object.fromEntries([...unique].map((p) => [p, copy[p]]))
          : { [key.propertyName]: copy[key.propertyName] };
        if (Object.keys(where).length === 0) return;
        const read = await manager.getRepository(target(metadata)).findOneByOrFail(where);
        if (key.isGenerated) delete (read as Record<string, unknown>)[key.propertyName];
        expect({ entity: metadata.name, row: read }).toEqual({ entity: metadata.name, row: copy });
        covered.push(metadata.name);
      });
    }
    expect(covered).toEqual(
      expect.arrayContaining(BUSY_PATHS.filter((name) => name !== 'Session')),
    );
  });

  it('writes every column back unchanged with the next version, and refuses a stale version', async () => {
    const versioned = withRows().filter((m) => m.findColumnWithPropertyName('version'));
    const covered: string[] = [];
    for (const metadata of versioned) {
      const repo = testApp.dataSource.getRepository(target(metadata));
      const [row] = (await repo.find({ take: 1 })) as (ObjectLiteral & {
        id: string;
        version: number;
      })[];
      if (!row) continue;
      await rolledBack(async (manager) => {
        const before = row.version;
        const written = await updateRowVersioned(
          manager,
          target(metadata) as new () => typeof row,
          row,
        );
        expect(written).toBe(true);
        expect(row.version).toBe(before + 1);
        expect(await manager.getRepository(target(metadata)).findOneBy({ id: row.id })).toEqual(
          row,
        );
        const stale = { ...row, version: before };
        expect(
          await updateRowVersioned(manager, target(metadata) as new () => typeof row, stale),
        ).toBe(false);
        covered.push(metadata.name);
      });
    }
    expect(covered).toEqual(expect.arrayContaining(['PrivacyRequest', 'Subject', 'User']));
  });

  it('writes only the columns changed since the row was read here; a row TypeORM read, every column', async () => {
    const requests = testApp.dataSource.getRepository(PrivacyRequest);
    const [{ id }] = await requests.find({ take: 1, order: { id: 'ASC' } });
    const renamedMeanwhile = (manager: EntityManager) =>
      manager.query(
        testApp.dataSource.options.type === 'postgres'
          ? 'UPDATE privacy_requests SET requester_name = $1 WHERE id = $2'
          : 'UPDATE privacy_requests SET requester_name = ? WHERE id = ?',
        ['Renamed Meanwhile', id],
      );
    await rolledBack(async (manager) => {
      const read = (await findOneRow(manager, PrivacyRequest, { id }))!;
      await renamedMeanwhile(manager);
      read.reason = 'changed here';
      expect(await updateRowVersioned(manager, PrivacyRequest, read)).toBe(true);
      const stored = await manager.getRepository(PrivacyRequest).findOneByOrFail({ id });
      expect({
        reason: stored.reason,
        name: stored.requesterName,
        version: stored.version,
      }).toEqual({ reason: 'changed here', name: 'Renamed Meanwhile', version: read.version });
    });
    await rolledBack(async (manager) => {
      const read = await manager.getRepository(PrivacyRequest).findOneByOrFail({ id });
      const originalName = read.requesterName;
      await renamedMeanwhile(manager);
      read.reason = 'changed here';
      expect(await updateRowVersioned(manager, PrivacyRequest, read)).toBe(true);
      const stored = await manager.getRepository(PrivacyRequest).findOneByOrFail({ id });
      expect(stored.requesterName).toBe(originalName);
    });
  });

  it('reads a session with its user in one statement, as the join through TypeORM does', async () => {
    const [session] = await testApp.dataSource.getRepository('Session').find({ take: 1 });
    expect(session).toBeDefined();
    const tokenHash = (session as { tokenHash: string }).tokenHash;
    const expected = await testApp.dataSource
      .getRepository('Session')
      .createQueryBuilder('session')
      .leftJoinAndSelect('session.user', 'user')
      .where('session.tokenHash = :tokenHash', { tokenHash })
      .getOne();
    const actual = await testApp.app.get(SessionRepository).findWithUserByTokenHash(tokenHash);
    expect(actual).toEqual(expected);
    expect(actual?.user?.email).toBeTruthy();
    expect(
      await testApp.app.get(SessionRepository).findWithUserByTokenHash('0'.repeat(64)),
    ).toBeNull();
  });
});
