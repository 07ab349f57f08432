/**
 * Verifies the audit trail from outside the server:
 *   npm run audit:verify [-- --checkpoints <file>] [--json]
 * Reads DATABASE_URL (and DATABASE_SCHEMA), the key ring (SECRET_KEY, SECRET_KEY_PREVIOUS) and
 * the checkpoint file (AUDIT_CHECKPOINT_FILE or its default; `--checkpoints` names a copy kept
 * elsewhere). Reads only: it runs no migrations and writes nothing. Exits 0 when the chain is
 * intact and agrees with every valid checkpoint, 1 on any break, 2 when it cannot check.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { checkpointFileFor } from '../audit/audit-checkpoint.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { verifyAuditTrail } from '../audit/audit-verifier.js';
import { KeyRing } from '../common/crypto/secrets.js';
import { loadConfig } from '../config/app-config.js';
import { buildDataSourceOptions, sqlitePathOf } from '../database/data-source-options.js';
import { MoreThan } from 'typeorm';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { checkpoints: { type: 'string' }, json: { type: 'boolean' } },
  });
  const config = loadConfig(process.env);
  const file = values.checkpoints ?? checkpointFileFor(config.env);
  if (config.databaseType === 'sqlite' && !existsSync(sqlitePathOf(config.env.DATABASE_URL))) {
    throw new Error(`There is no database at ${sqlitePathOf(config.env.DATABASE_URL)}`);
  }
  const dataSource = new DataSource(
    buildDataSourceOptions({ url: config.env.DATABASE_URL, schema: config.env.DATABASE_SCHEMA }),
  );
  await dataSource.initialize();
  try {
    const repo = dataSource.getRepository(AuditEntry);
    const result = await verifyAuditTrail(
      (afterSeq, size) =>
        repo.find({ where: { seq: MoreThan(afterSeq) }, order: { seq: 'ASC' }, take: size }),
      KeyRing.fromEnv(config.env),
      file,
    );
    if (values.json) {
      console.log(JSON.stringify({ ...result, checkpointFile: file }, null, 2));
    } else {
      const latest = result.checkpoints.latest;
      console.log(
        `Checked ${result.checked} audit entries (head #${result.lastSeq ?? '-'}) against ${result.checkpoints.checked} signed checkpoint(s) in ${file}` +
          (latest ? `; the latest is #${latest.seq} of ${latest.at}` : '; there are none'),
      );
      if (result.ok) {
        console.log('The audit trail verifies.');
      } else {
        const count = result.breaks.length + result.moreBreaks;
        console.log(`The audit trail does NOT verify: ${count} break${count === 1 ? '' : 's'}`);
        for (const b of result.breaks) console.log(`  ${b.reason}`);
        if (result.moreBreaks > 0) console.log(`  …and ${result.moreBreaks} more`);
      }
    }
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `The audit trail could not be checked: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(2);
  },
);
