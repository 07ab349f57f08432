import { parse } from 'csv-parse/sync';

/** Runs one SQL statement with parameters (`$1` on PostgreSQL, `?` on SQLite). */
export type RunSql = (sql: string, params: unknown[]) => Promise<unknown>;

/**
 * Bulk-inserts `count` subjects in one SQL statement; every 7th has a formula-like company.
 * `wide` fills the address, city, region and title to their full lengths (800 characters).
 */
export async function seedSubjects(
  query: RunSql,
  schema: string | undefined,
  count: number,
  wide = false,
): Promise<void> {
  const fields = wide ? ', address_line1, address_line2, job_title, city, region' : '';
  if (schema) {
    const values = wide
      ? `, repeat('a1', 100), repeat('a2', 100), repeat('jt', 100), repeat('c', 100), repeat('r', 100)`
      : '';
    await query(
      `INSERT INTO "${schema}".subjects (id, name, email, company, is_minor, created_at, updated_at, version${fields})
       SELECT '00000000-0000-4000-8000-' || lpad(i::text, 12, '0'), 'Bulk Person ' || lpad(i::text, 6, '0'),
              'bulk' || i || '@example.com',
              CASE WHEN i % 7 = 0 THEN '=cmd|calc' ELSE 'Acme ' || (i % 13) END,
              false, timestamptz '2026-01-01T00:00:00Z' + (i % 500) * interval '1 minute',
              timestamptz '2026-01-01T00:00:00Z', 1${values}
       FROM generate_series(1, $1::int) AS i`,
      [count],
    );
    return;
  }
  const pad = (text: string, times: number) => `replace(hex(zeroblob(${times})), '00', '${text}')`;
  const values = wide
    ? `, ${pad('a1', 100)}, ${pad('a2', 100)}, ${pad('jt', 100)}, ${pad('c', 100)}, ${pad('r', 100)}`
    : '';
  await query(
    `INSERT INTO subjects (id, name, email, company, is_minor, created_at, updated_at, version${fields})
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     SELECT printf('00000000-0000-4000-8000-%012d', i), printf('Bulk Person %06d', i),
            'bulk' || i || '@example.com',
            CASE WHEN i % 7 = 0 THEN '=cmd|calc' ELSE 'Acme ' || (i % 13) END,
            0, strftime('%Y-%m-%d %H:%M:%f', '2026-01-01 00:00:00', '+' || (i % 500) || ' minutes'),
            '2026-01-01 00:00:00.000', 1${values}
     FROM n`,
    [count],
  );
}

/** Parses a CSV body into its header and records. */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records = parse(text, { relax_column_count: false }) as string[][];
  return { header: records[0] ?? [], rows: records.slice(1) };
}

/**
 * Bulk-inserts `count` disclosures recorded by `recordedById`, on 300 distinct disclosure times
 * (so that export batches end inside runs of equal values): every 5th under the first legal
 * process (when there is one), every 10th amending the one before, every 3rd with two subjects
 * linked, and purposes with commas, quotes and a formula-like start.
 */
export async function seedDisclosures(
  query: RunSql,
  schema: string | undefined,
  count: number,
  recordedById: string,
): Promise<void> {
  const t = (name: string) => (schema ? `"${schema}".${name}` : name);
  if (schema) {
    await query(
      `INSERT INTO ${t('disclosures')} (id, reference, aggregated, recipient_name, recipient_type, basis, purpose, data_categories, disclosed_at, legal_process_id, review_status, amends_id, recorded_by_id, created_at, updated_at, version)
       SELECT '00000000-0000-4000-9000-' || lpad(i::text, 12, '0'), 'BULK-D-' || lpad(i::text, 6, '0'),
              i % 4 = 0, 'Recipient ' || (i % 17), 'law_enforcement', 'legal_process',
              CASE WHEN i % 9 = 0 THEN '=SUM(A1)' ELSE 'Purpose, "quoted" ' || i END,
              '["contact","identity"]',
              timestamptz '2026-01-01T00:00:00Z' + (i % 300) * interval '1 minute',
              CASE WHEN i % 5 = 0 THEN (SELECT id FROM ${t('legal_processes')} ORDER BY reference LIMIT 1) END,
              'approved',
              CASE WHEN i % 10 = 0 THEN '00000000-0000-4000-9000-' || lpad((i - 1)::text, 12, '0') END,
              $2, timestamptz '2026-01-02T00:00:00Z', timestamptz '2026-01-02T00:00:00Z', 1
       FROM generate_series(1, $1::int) AS i`,
      [count, recordedById],
    );
    await query(
      `INSERT INTO ${t('disclosure_subjects')} (disclosure_id, subject_id)
       SELECT '00000000-0000-4000-9000-' || lpad(i::text, 12, '0'), s.id
       FROM generate_series(3, $1::int, 3) AS i, (SELECT id FROM ${t('subjects')} ORDER BY id LIMIT 2) s`,
      [count],
    );
    return;
  }
  await query(
    `INSERT INTO disclosures (id, reference, aggregated, recipient_name, recipient_type, basis, purpose, data_categories, disclosed_at, legal_process_id, review_status, amends_id, recorded_by_id, created_at, updated_at, version)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     SELECT printf('00000000-0000-4000-9000-%012d', i), printf('BULK-D-%06d', i),
            i % 4 = 0, 'Recipient ' || (i % 17), 'law_enforcement', 'legal_process',
            CASE WHEN i % 9 = 0 THEN '=SUM(A1)' ELSE 'Purpose, "quoted" ' || i END,
            '["contact","identity"]',
            strftime('%Y-%m-%d %H:%M:%f', '2026-01-01 00:00:00', '+' || (i % 300) || ' minutes'),
            CASE WHEN i % 5 = 0 THEN (SELECT id FROM legal_processes ORDER BY reference LIMIT 1) END,
            'approved',
            CASE WHEN i % 10 = 0 THEN printf('00000000-0000-4000-9000-%012d', i - 1) END,
            ?, '2026-01-02 00:00:00.000', '2026-01-02 00:00:00.000', 1
     FROM n`,
    [count, recordedById],
  );
  await query(
    `INSERT INTO disclosure_subjects (disclosure_id, subject_id)
     WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 3 FROM n WHERE i + 3 <= ?)
     SELECT printf('00000000-0000-4000-9000-%012d', i), s.id
     FROM n, (SELECT id FROM subjects ORDER BY id LIMIT 2) s`,
    [count],
  );
}
