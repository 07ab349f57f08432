import { readFileSync } from 'node:fs';
import { GENESIS_HASH, legacyHash } from '../../src/audit/audit-chain.js';
import { KeyRing } from '../../src/common/crypto/secrets.js';
import { JobRunnerService } from '../../src/jobs/job-runner.service.js';
import {
  appendLine,
  attacker,
  checkpointLines,
  createTestDatabase,
  isPostgres,
  KEY_A,
  openDesk,
  record,
  rewriteFrom,
} from './audit-desk.js';
import type { Attacker, Desk } from './audit-desk.js';
import type { TestDatabase } from '../support/test-database.js';

/**
 * Each attack on the audit trail, made as an attacker would make it (straight on the database
 * file or schema, guards dropped first), and each detected by verify.
 */
describe('audit trail attacks', () => {
  let db: TestDatabase;
  let desk: Desk;
  let raw: Attacker;

  beforeEach(async () => {
    db = await createTestDatabase();
    desk = await openDesk(db);
    await record(desk, 10);
    raw = await attacker(db);
  });
  afterEach(async () => {
    await raw.close();
    await desk.close();
    await db.drop();
  });

  it('an intact chain verifies, anchored by a checkpoint', async () => {
    expect(await desk.checkpoints.writeIfMoved()).toMatchObject({ seq: 10 });
    expect(await desk.audit.verify()).toMatchObject({
      ok: true,
      checked: 10,
      lastSeq: 10,
      breaks: [],
      moreBreaks: 0,
      checkpoints: { checked: 1, invalid: 0, latest: { seq: 10 } },
    });
  });

  it('edited rows and a row deleted in the middle are each reported, not only the first', async () => {
    await raw.disarm();
    await raw.exec('UPDATE audit_entries SET summary = ? WHERE seq = ?', ['Nothing to see', 3]);
    await raw.exec('UPDATE audit_entries SET actor_label = ? WHERE seq = ?', ['someone else', 8]);
    await raw.exec('DELETE FROM audit_entries WHERE seq = ?', [5]);
    const verdict = await desk.audit.verify();
    expect(verdict).toMatchObject({ ok: false, brokenAt: 3, checked: 9 });
    expect(verdict.breaks).toEqual([
      { seq: 3, reason: expect.stringContaining('entry #3 was altered') },
      { seq: 5, reason: 'entry #5 is missing' },
      { seq: 8, reason: expect.stringContaining('entry #8 was altered') },
    ]);
  });

  it('a cut tail is caught by the checkpoint (the chain alone cannot see it)', async () => {
    await desk.checkpoints.writeIfMoved();
    await raw.disarm();
    await raw.exec('DELETE FROM audit_entries WHERE seq > ?', [7]);
    const verdict = await desk.audit.verify();
    expect(verdict).toMatchObject({ ok: false, checked: 7, lastSeq: 7, brokenAt: 10 });
    expect(verdict.breaks).toEqual([
      {
        seq: 10,
        reason: expect.stringMatching(
          /the chain ends at #7, but the checkpoint of .* recorded #10: entries were cut from the tail/,
        ),
      },
    ]);
    // A shorter head is never checkpointed over the longer one.
    expect(await desk.checkpoints.writeIfMoved()).toBeNull();
  });

  it('an edit re-hashed with plain SHA-256 is reported, and so is a whole chain downgraded to SHA-256', async () => {
    await desk.checkpoints.writeIfMoved();
    await raw.disarm();
    await rewriteFrom(raw, 4, { seq: 4, summary: 'Nothing to see' }, null);
    const partial = await desk.audit.verify();
    expect(partial.ok).toBe(false);
    expect(partial.breaks[0]).toEqual({
      seq: 4,
      reason: expect.stringContaining('plain SHA-256 after keyed entries'),
    });
    expect(partial.breaks.map((b) => b.reason)).toContainEqual(
      expect.stringContaining('entry #10 differs from the checkpoint'),
    );

    // Every entry re-hashed as a legacy one: the chain alone looks like an old, intact
    // SHA-256 chain; the checkpoint's MAC over the real head gives it away.
    await rewriteFrom(raw, 1, { seq: 4, summary: 'Nothing to see' }, null);
    const downgraded = await desk.audit.verify();
    expect(downgraded.breaks).toEqual([
      { seq: 10, reason: expect.stringContaining('entry #10 differs from the checkpoint') },
    ]);
  });

  it('an edit re-hashed with a key that is not the server’s is reported', async () => {
    await raw.disarm();
    const own = new KeyRing('the-attackers-own-key-0123456789abcdef');
    await rewriteFrom(raw, 6, { seq: 6, summary: 'Nothing to see' }, own);
    const verdict = await desk.audit.verify();
    expect(verdict).toMatchObject({ ok: false, brokenAt: 6 });
    expect(verdict.breaks).toHaveLength(5);
    expect(verdict.breaks[0]!.reason).toMatch(
      new RegExp(`entry #6 was made with key ${own.current.id}, which is neither SECRET_KEY`),
    );

    // The same, forging the server's key id: the MACs do not match.
    await rewriteFrom(
      raw,
      6,
      { seq: 6, summary: 'Nothing to see' },
      own,
      new KeyRing(KEY_A).current.id,
    );
    const forged = await desk.audit.verify();
    expect(forged.breaks[0]).toEqual({
      seq: 6,
      reason: 'entry #6 was altered after it was written (its MAC does not match)',
    });
  });

  it('a checkpoint line that was forged or edited is reported itself', async () => {
    await desk.checkpoints.writeIfMoved();
    const [line] = checkpointLines(db);
    appendLine(db, JSON.stringify({ ...line, seq: 3 }));
    appendLine(db, 'not json');
    const verdict = await desk.audit.verify();
    expect(verdict.ok).toBe(false);
    expect(verdict.breaks).toEqual([
      { seq: null, reason: 'checkpoint line 3 is not valid JSON' },
      { seq: 3, reason: 'checkpoint line 2 has a bad MAC (it was forged or edited)' },
    ]);
    expect(verdict.checkpoints).toMatchObject({ checked: 1, invalid: 2 });
  });

  it('the recurring job and a graceful shutdown write checkpoints when the head moved', async () => {
    const runner = desk.app.get(JobRunnerService);
    await runner.drain();
    expect(checkpointLines(db).map((c) => c.seq)).toEqual([10]);
    await record(desk, 2);
    await desk.close();
    expect(checkpointLines(db).map((c) => c.seq)).toEqual([10, 12]);
    expect(readFileSync(db.checkpointFile, 'utf8')).toMatch(/"at":"2026-11-29T12:00:00.000Z"/);
    desk = await openDesk(db);
    expect(await desk.audit.verify()).toMatchObject({ ok: true, checkpoints: { checked: 2 } });
  });

  if (isPostgres()) {
    it('PostgreSQL refuses an upsert over an old entry, an insert that is not the tail, and TRUNCATE', async () => {
      const before = await raw.rows('SELECT * FROM audit_entries ORDER BY seq');
      const columns =
        'seq, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, summary, prev_hash, hash, key_id';
      const row = before[3]!;
      const values = [
        row.seq,
        row.at,
        row.actor_type,
        row.actor_id,
        'x',
        row.action,
        row.entity_type,
        row.entity_id,
        'rewritten',
        row.prev_hash,
        row.hash,
        row.key_id,
      ];
      const params = '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?';
      await expect(
        raw.exec(
          `INSERT INTO audit_entries (${columns}) VALUES (${params}) ON CONFLICT (seq) DO UPDATE SET summary = EXCLUDED.summary`,
          values,
        ),
      ).rejects.toThrow(/only a new tail may be inserted/);
      await expect(
        raw.exec(`INSERT INTO audit_entries (${columns}) VALUES (${params})`, [
          15,
          ...values.slice(1),
        ]),
      ).rejects.toThrow(/only a new tail may be inserted/);
      // The right seq but not linked to the tail.
      await expect(
        raw.exec(`INSERT INTO audit_entries (${columns}) VALUES (${params})`, [
          11,
          ...values.slice(1),
        ]),
      ).rejects.toThrow(/only a new tail may be inserted/);
      await expect(raw.exec('TRUNCATE audit_entries')).rejects.toThrow(/append-only/);
      expect(await raw.rows('SELECT * FROM audit_entries ORDER BY seq')).toEqual(before);
    });
  } else {
    it('SQLite refuses INSERT OR REPLACE over an old entry, and an insert that is not the tail', async () => {
      const before = await raw.rows('SELECT * FROM audit_entries ORDER BY seq');
      const row = before[3]!;
      const columns =
        'seq, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, summary, prev_hash, hash, key_id';
      const values = [
        row.seq,
        row.at,
        row.actor_type,
        row.actor_id,
        'x',
        row.action,
        row.entity_type,
        row.entity_id,
        'rewritten',
        row.prev_hash,
        row.hash,
        row.key_id,
      ];
      const params = '?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?';
      // REPLACE deletes the old row without firing DELETE triggers; BEFORE INSERT fires first.
      await expect(
        raw.exec(`INSERT OR REPLACE INTO audit_entries (${columns}) VALUES (${params})`, values),
      ).rejects.toThrow(/only a new tail may be inserted/);
      await expect(
        raw.exec(`REPLACE INTO audit_entries (${columns}) VALUES (${params})`, values),
      ).rejects.toThrow(/only a new tail may be inserted/);
      await expect(
        raw.exec(`INSERT INTO audit_entries (${columns}) VALUES (${params})`, [
          15,
          ...values.slice(1),
        ]),
      ).rejects.toThrow(/only a new tail may be inserted/);
      await expect(
        raw.exec(`INSERT INTO audit_entries (${columns}) VALUES (${params})`, [
          11,
          ...values.slice(1),
        ]),
      ).rejects.toThrow(/only a new tail may be inserted/);
      expect(await raw.rows('SELECT * FROM audit_entries ORDER BY seq')).toEqual(before);
    });
  }

  it('a database of legacy SHA-256 entries keeps verifying as a prefix, and rewriting that prefix is caught', async () => {
    // A database from before the keyed chain: plain SHA-256 entries, inserted as proper tails.
    const legacyDb = await createTestDatabase();
    const legacyDesk = await openDesk(legacyDb);
    const old = await attacker(legacyDb);
    try {
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= 3; seq++) {
        const fields = {
          seq,
          at: new Date(Date.UTC(2026, 0, 1, 9, 0, seq)),
          actorType: 'system',
          actorId: null,
          actorLabel: 'system',
          action: 'legacy.thing',
          entityType: 'test',
          entityId: String(seq),
          summary: `legacy ${seq}`,
          prevHash,
          keyId: null,
        };
        const hash = legacyHash(fields);
        await old.exec(
          'INSERT INTO audit_entries (seq, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, summary, prev_hash, hash, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            seq,
            legacyDb.schema
              ? fields.at
              : fields.at.toISOString().replace('T', ' ').replace('Z', ''),
            fields.actorType,
            null,
            fields.actorLabel,
            fields.action,
            fields.entityType,
            fields.entityId,
            fields.summary,
            prevHash,
            hash,
            null,
          ],
        );
        prevHash = hash;
      }
      await record(legacyDesk, 2);
      expect(await legacyDesk.audit.verify()).toMatchObject({ ok: true, checked: 5, breaks: [] });
      await legacyDesk.checkpoints.writeIfMoved();

      // Re-hashing the legacy prefix after an edit needs no key, but the first keyed entry's
      // MAC covers the legacy head's hash.
      await old.disarm();
      await rewriteFrom(old, 1, { seq: 2, summary: 'Nothing to see', until: 3 }, null);
      const verdict = await legacyDesk.audit.verify();
      expect(verdict.breaks).toEqual([
        { seq: 4, reason: 'entry #4 does not link to the entry before it' },
      ]);
      expect(verdict.ok).toBe(false);
    } finally {
      await old.close();
      await legacyDesk.close();
      await legacyDb.drop();
    }
  });

  it('the server refuses to start when a guard trigger was dropped, naming it', async () => {
    await desk.close();
    if (isPostgres()) {
      await raw.exec('DROP TRIGGER audit_entries_append_tail ON audit_entries');
      await raw.exec('ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_truncate');
    } else {
      await raw.exec('DROP TRIGGER audit_entries_append_tail');
      await raw.exec('DROP TRIGGER audit_entries_no_delete');
    }
    const missing = isPostgres()
      ? 'audit_entries_append_tail, audit_entries_no_truncate'
      : 'audit_entries_no_delete, audit_entries_append_tail';
    await expect(openDesk(db)).rejects.toThrow(
      `The audit trail is not protected: the database lacks the triggers ${missing} on audit_entries.`,
    );
    // Re-running the guards migration (as the README tells an operator) restores them.
    await raw.exec("DELETE FROM migrations WHERE name = 'AuditGuards1795978450546'");
    if (isPostgres())
      await raw.exec('ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_truncate');
    desk = await openDesk(db);
    expect(await desk.audit.verify()).toMatchObject({ ok: true, checked: 10 });
  });
});
