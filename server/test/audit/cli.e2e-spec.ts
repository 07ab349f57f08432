import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyRing, SecretBox } from '../../src/common/crypto/secrets.js';
import type { TestDatabase } from '../support/test-database.js';
import { attacker, createTestDatabase, KEY_A, KEY_B, openDesk, record } from './audit-desk.js';

const DIST = fileURLToPath(new URL('../../dist/cli/', import.meta.url));

/** Runs a built CLI as an operator would, with only the environment given. */
function cli(
  db: TestDatabase,
  script: string,
  args: string[] = [],
  env: Record<string, string> = {},
) {
  if (!existsSync(DIST + script)) throw new Error(`Build the server first: ${script} is missing`);
  return spawnSync(process.execPath, [DIST + script, ...args], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: db.url,
      ...(db.schema ? { DATABASE_SCHEMA: db.schema } : {}),
      AUDIT_CHECKPOINT_FILE: db.checkpointFile,
      SECRET_KEY: KEY_A,
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm run audit:verify and npm run secrets:reencrypt', () => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await createTestDatabase();
    const desk = await openDesk(db);
    await record(desk, 6);
    await desk.close(); // a graceful shutdown writes the checkpoint of #6
  });
  afterEach(() => db.drop());

  it('exits 0 on a clean database, and 1 on a tampered one, listing every break', async () => {
    const clean = cli(db, 'audit-verify.js');
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toMatch(/Checked 6 audit entries \(head #6\) against 1 signed checkpoint/);
    expect(clean.stdout).toMatch(/The audit trail verifies\./);
    expect(clean.status).toBe(0);

    const raw = await attacker(db);
    await raw.disarm();
    await raw.exec('UPDATE audit_entries SET summary = ? WHERE seq = ?', ['edited', 2]);
    await raw.exec('DELETE FROM audit_entries WHERE seq > ?', [4]);
    await raw.close();
    const tampered = cli(db, 'audit-verify.js');
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/does NOT verify: 2 breaks/);
    expect(tampered.stdout).toMatch(/entry #2 was altered/);
    expect(tampered.stdout).toMatch(/the chain ends at #4, but the checkpoint of .* recorded #6/);

    // A copy of the checkpoints kept elsewhere still catches the cut when the local file is gone.
    const copy = join(dirname(db.checkpointFile), 'copy.jsonl');
    copyFileSync(db.checkpointFile, copy);
    rmSync(db.checkpointFile);
    const fromCopy = cli(db, 'audit-verify.js', ['--checkpoints', copy, '--json']);
    expect(fromCopy.status).toBe(1);
    expect(JSON.parse(fromCopy.stdout)).toMatchObject({ ok: false, lastSeq: 4, brokenAt: 2 });
  });

  it('exits 2 when it cannot check at all', () => {
    const res = cli(db, 'audit-verify.js', [], { DATABASE_URL: 'mysql://nowhere' });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/could not be checked: Invalid configuration/);
    const missing = cli(db, 'audit-verify.js', [], {
      DATABASE_URL: 'sqlite:/nonexistent/desk.sqlite',
    });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /could not be checked: There is no database at \/nonexistent\/desk.sqlite/,
    );
  });

  it('re-encrypts every TOTP secret under the current key', async () => {
    const raw = await attacker(db);
    // A seeded desk with a pending TOTP secret sealed under key A.
    const desk = await openDesk(db, { SEED_DEMO_DATA: 'true', SEED_DEMO_REQUESTS: 'false' });
    await desk.close();
    await raw.exec('UPDATE users SET mfa_pending_secret = ? WHERE email = ?', [
      new SecretBox(KEY_A).seal('JBSWY3DPEHPK3PXP'),
      'staff@demo.test',
    ]);
    const res = cli(db, 'secrets-reencrypt.js', [], {
      SECRET_KEY: KEY_B,
      SECRET_KEY_PREVIOUS: KEY_A,
    });
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(
      `Re-encrypted 1 TOTP secret(s) and 0 unsent confirmation link(s) under key ${new KeyRing(KEY_B).current.id}; 0 secret(s) already were.`,
    );
    expect(res.status).toBe(0);
    const [row] = await raw.rows('SELECT mfa_pending_secret FROM users WHERE email = ?', [
      'staff@demo.test',
    ]);
    expect(new SecretBox(KEY_B).open(row!.mfa_pending_secret as string)).toBe('JBSWY3DPEHPK3PXP');
    await raw.close();
    // Its audit entry, under key B, verifies with A still in the ring.
    expect(
      cli(db, 'audit-verify.js', [], { SECRET_KEY: KEY_B, SECRET_KEY_PREVIOUS: KEY_A }).status,
    ).toBe(0);
  });
});
