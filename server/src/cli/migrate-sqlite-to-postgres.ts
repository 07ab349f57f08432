/**
 * Moves a desk from its SQLite file to PostgreSQL:
 *   npm run migrate:sqlite-to-postgres -- --to postgres://user:pass@host:5432/privacy_desk [--from sqlite:./data/privacy-desk.sqlite] [--to-schema name]
 * Stop the server first. The target gets the PostgreSQL migrations and must hold no data.
 * Every table is copied in foreign-key order in one transaction, row counts are compared, and
 * the audit chain is verified again on the target. The source only gets any pending migrations.
 *
 * SQLite stores a NUL character in text; PostgreSQL refuses it (the server refuses it on input
 * now, but older rows may hold one). In every table but the audit trail, each NUL is replaced
 * by U+FFFD (the replacement character) and the count is reported per table. Audit entries are
 * never rewritten (they are hash-chained): one holding a NUL stops the move, naming its seq.
 */
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { chainEntryFromRow } from '../audit/audit-chain.js';
import { checkpointFileFor } from '../audit/audit-checkpoint.js';
import { verifyAuditTrail } from '../audit/audit-verifier.js';
import { KeyRing } from '../common/crypto/secrets.js';
import { loadConfig } from '../config/app-config.js';
import { buildDataSourceOptions } from '../database/data-source-options.js';
import { runMigrations } from '../database/run-migrations.js';

const BATCH = 500;

type Row = Record<string, unknown>;

const AUDIT_TABLE = 'audit_entries';
const TEXT_TYPES = new Set(['text', 'character varying', 'character']);

/** What PostgreSQL stores in place of a NUL that SQLite accepted. */
const NUL_REPLACEMENT = '\uFFFD';

/**
 * A SQLite text value made acceptable to PostgreSQL: NUL becomes U+FFFD. Returns the value and
 * how many characters were replaced.
 */
function withoutNul(value: string): { value: string; replaced: number } {
  let replaced = 0;
  const clean = value.replace(/\0/g, () => {
    replaced++;
    return NUL_REPLACEMENT;
  });
  return { value: clean, replaced };
}

function toTargetValue(value: unknown, pgType: string): unknown {
  if (value === null || value === undefined) return null;
  if (pgType === 'boolean') return value === 1 || value === true || value === '1';
  if (pgType.startsWith('timestamp') && typeof value === 'string') {
    const iso = value.includes('T') ? value : value.replace(' ', 'T');
    return new Date(/Z|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  }
  return value;
}

/** Tables ordered so that each comes after the tables its foreign keys point to. */
async function copyOrder(target: DataSource, schema: string): Promise<string[]> {
  const tables = (
    await target.query<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' AND table_name <> 'migrations'`,
      [schema],
    )
  ).map((row) => row.table_name);
  const edges = await target.query<{ child: string; parent: string }[]>(
    `SELECT tc.table_name AS child, ccu.table_name AS parent
       FROM information_schema.table_constraints tc
       JOIN information_schema.constraint_column_usage ccu ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema
      WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = $1`,
    [schema],
  );
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`Foreign keys form a cycle through ${table}`);
    for (const edge of edges)
      if (edge.child === table && edge.parent !== table) visit(edge.parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables.sort()) visit(table, []);
  return ordered;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, 'to-schema': { type: 'string' } },
  });
  const from = values.from ?? process.env.DATABASE_URL ?? 'sqlite:./data/privacy-desk.sqlite';
  const to = values.to;
  if (!from.startsWith('sqlite:') || !to || !/^postgres(ql)?:\/\//.test(to)) {
    throw new Error(
      'Usage: npm run migrate:sqlite-to-postgres -- --to postgres://user:pass@host:5432/db [--from sqlite:<path>] [--to-schema name]',
    );
  }
  const schema = values['to-schema'] ?? 'public';
  // The key ring (SECRET_KEY, SECRET_KEY_PREVIOUS) verifies the moved chain.
  const config = loadConfig({ ...process.env, DATABASE_URL: from, DATABASE_SCHEMA: undefined });
  const source = new DataSource({ ...buildDataSourceOptions({ url: from }), entities: [] });
  const target = new DataSource({
    ...buildDataSourceOptions({ url: to, schema: values['to-schema'] }),
    entities: [],
  });
  await source.initialize();
  await target.initialize();
  try {
    await runMigrations(source);
    await runMigrations(target);
    const order = await copyOrder(target, schema);
    for (const table of order) {
      const [{ n }] = await target.query<{ n: string }[]>(`SELECT COUNT(*) AS n FROM "${table}"`);
      if (Number(n) > 0)
        throw new Error(
          `The target already holds data (${table} has ${n} rows); use an empty database`,
        );
    }

    const counts: { table: string; source: number; target: number; nul: number }[] = [];
    await target.transaction(async (manager) => {
      for (const table of order) {
        const columns = await manager.query<{ column_name: string; data_type: string }[]>(
          `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
          [schema, table],
        );
        const names = columns.map((c) => c.column_name);
        const quoted = names.map((c) => `"${c}"`).join(', ');
        let nul = 0;
        for (let offset = 0; ; offset += BATCH) {
          const rows = await source.query<Row[]>(
            `SELECT ${quoted} FROM "${table}" ORDER BY rowid LIMIT ? OFFSET ?`,
            [BATCH, offset],
          );
          if (rows.length === 0) break;
          const params: unknown[] = [];
          const tuples = rows.map((row) => {
            const placeholders = columns.map((column) => {
              let value = row[column.column_name];
              if (typeof value === 'string' && TEXT_TYPES.has(column.data_type)) {
                const clean = withoutNul(value);
                if (clean.replaced > 0 && table === AUDIT_TABLE) {
                  throw new Error(
                    `Audit entry seq ${String(row.seq)} holds a NUL character in ${column.column_name}, which PostgreSQL cannot store. Audit entries are hash-chained and are never rewritten, so nothing was moved. Keep running on SQLite (see "Moving to PostgreSQL" in the README).`,
                  );
                }
                nul += clean.replaced;
                value = clean.value;
              }
              params.push(toTargetValue(value, column.data_type));
              return `$${params.length}`;
            });
            return `(${placeholders.join(', ')})`;
          });
          await manager.query(
            `INSERT INTO "${table}" (${quoted}) VALUES ${tuples.join(', ')}`,
            params,
          );
        }
        const [{ n: sourceCount }] = await source.query<{ n: number }[]>(
          `SELECT COUNT(*) AS n FROM "${table}"`,
        );
        const [{ n: targetCount }] = await manager.query<{ n: string }[]>(
          `SELECT COUNT(*) AS n FROM "${table}"`,
        );
        counts.push({ table, source: Number(sourceCount), target: Number(targetCount), nul });
      }
      const unequal = counts.filter((c) => c.source !== c.target);
      if (unequal.length > 0) {
        throw new Error(
          `Row counts differ: ${unequal.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`,
        );
      }
    });

    // The chain is verified on the target with the key ring, against the source's checkpoints:
    // the same seqs and hashes, so the moved chain must agree with every one of them.
    const verdict = await verifyAuditTrail(
      async (afterSeq, size) => {
        const rows = await target.query<Row[]>(
          `SELECT seq, at, actor_type, actor_id, actor_label, action, entity_type, entity_id, summary, prev_hash, hash, key_id
             FROM audit_entries WHERE seq > $1 ORDER BY seq LIMIT ${size}`,
          [afterSeq],
        );
        return rows.map(chainEntryFromRow);
      },
      KeyRing.fromEnv(config.env),
      checkpointFileFor({ ...config.env, DATABASE_URL: from }),
    );
    for (const c of counts)
      console.log(
        `  ${c.table.padEnd(20)} ${String(c.source).padStart(8)} → ${c.target}${c.nul > 0 ? ` (${c.nul} NUL characters replaced by U+FFFD)` : ''}`,
      );
    if (!verdict.ok) {
      const listed = verdict.breaks.map((b) => `\n  ${b.reason}`).join('');
      const more = verdict.moreBreaks > 0 ? `\n  …and ${verdict.moreBreaks} more` : '';
      throw new Error(`The audit chain does not verify on the target:${listed}${more}`);
    }
    console.log(
      `Copied ${counts.length} tables; row counts are equal; the audit chain verifies on the target (${verdict.checked} entries).`,
    );
  } finally {
    await source.destroy();
    await target.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
