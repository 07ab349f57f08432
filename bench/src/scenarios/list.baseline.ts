import type { BaselineDb } from '../baseline/db.js';
import type { BaselineRoute } from '../baseline/route.js';

/**
 * The list scenario's baseline: the SQL Privacy Desk runs for `GET /api/requests` and
 * `GET /api/disclosures` (read from TypeORM's query log): the page, the count (the server's
 * capped count, and above 10,000 rows its full count at most every 30 s), and the look-ups
 * of the names shown beside each row, through the bare driver, answering the same rows as JSON
 * with the same `Content-Range`. No session, no validation, no framework.
 *
 * Query parameters: `offset`, and optionally `afterValue` and `afterId` (a keyset cursor: the
 * rows after that one, as Privacy Desk runs it when a client sends a cursor).
 */

/** The filter and sort each list is measured with (the same in the scenario and here). */
export const LIST_TARGETS = {
  requests: {
    table: 'privacy_requests',
    alias: 'request',
    filterColumn: 'status',
    filterValue: 'completed',
    sortColumn: 'received_at',
    apiFilter: { status: 'completed' },
    apiSort: ['receivedAt', 'DESC'],
  },
  disclosures: {
    table: 'disclosures',
    alias: 'disclosure',
    filterColumn: 'review_status',
    filterValue: 'approved',
    sortColumn: 'disclosed_at',
    apiFilter: { reviewStatus: 'approved' },
    apiSort: ['disclosedAt', 'DESC'],
  },
} as const;

export type ListResource = keyof typeof LIST_TARGETS;

const REQUEST_COLUMNS = [
  'id',
  'reference',
  'kind',
  'channel',
  'jurisdiction',
  'status',
  'requester_name',
  'requester_email',
  'subject_id',
  'assignee_id',
  'assignment_kind',
  'lease_expires_at',
  'received_at',
  'due_at',
  'extended_at',
  'extension_reason',
  'resolution',
  'reason',
  'denial_reason',
  'payload',
  'duplicate_of_id',
  'entered_by_id',
  'verification_token_hash',
  'verification_expires_at',
  'verified_at',
  'closed_at',
  'purged_at',
  'created_at',
  'updated_at',
  'version',
];

const DISCLOSURE_COLUMNS = [
  'id',
  'reference',
  'aggregated',
  'recipient_name',
  'recipient_type',
  'recipient_address',
  'basis',
  'purpose',
  'data_categories',
  'disclosed_at',
  'legal_process_id',
  'consent_request_id',
  'consent_document_sha256',
  'consent_note',
  'consent_given_on',
  'review_status',
  'reviewed_by_id',
  'reviewed_at',
  'review_note',
  'amends_id',
  'recorded_by_id',
  'purged_at',
  'created_at',
  'updated_at',
  'version',
];

type Row = Record<string, unknown>;

/** `?` on SQLite, `$n` on PostgreSQL. */
function placeholders(db: BaselineDb) {
  let n = 0;
  return () => (db.kind === 'sqlite' ? '?' : `$${++n}`);
}

function selectList(alias: string, columns: string[]): string {
  return columns.map((c) => `"${alias}"."${c}" AS "${alias}_${c}"`).join(', ');
}

/** The page query as TypeORM writes it (offset, or keyset after a row). */
function pageSql(db: BaselineDb, resource: ListResource, keyset: boolean): string {
  const t = LIST_TARGETS[resource];
  const p = placeholders(db);
  const columns = resource === 'requests' ? REQUEST_COLUMNS : DISCLOSURE_COLUMNS;
  const a = `"${t.alias}"`;
  const sort = `${a}."${t.sortColumn}"`;
  const id = `${a}."id"`;
  let where = `${a}."${t.filterColumn}" IN (${p()})`;
  if (keyset) {
    // The server's keyset for a DESC order on a NOT NULL column (see applyKeyset).
    const value = p();
    const value2 = p();
    const after = p();
    where += ` AND (${sort} <= ${value} AND (${sort} < ${value2} OR ${id} < ${after}))`;
  }
  return (
    `SELECT ${selectList(t.alias, columns)} FROM "${t.table}" ${a} WHERE ${where} ` +
    `ORDER BY ${sort} DESC, ${id} DESC LIMIT 25 OFFSET ${p()}`
  );
}

function countSql(db: BaselineDb, resource: ListResource): string {
  const t = LIST_TARGETS[resource];
  const p = placeholders(db);
  return `SELECT COUNT(1) AS "cnt" FROM "${t.table}" "${t.alias}" WHERE "${t.alias}"."${t.filterColumn}" IN (${p()})`;
}

/** The server's rule for a list's total (server/src/common/list/apply-list-query.ts). */
const EXACT_COUNT_LIMIT = 10_000;
const COUNT_CACHE_MS = 30_000;
const counted = new Map<ListResource, { total: number; at: number }>();

/** The capped count the server runs on every page: exact up to EXACT_COUNT_LIMIT rows. */
function cappedCountSql(db: BaselineDb, resource: ListResource): string {
  const t = LIST_TARGETS[resource];
  const p = placeholders(db);
  return `SELECT COUNT(*) AS "n" FROM (SELECT 1 AS "one" FROM "${t.table}" "${t.alias}" WHERE "${t.alias}"."${t.filterColumn}" IN (${p()}) LIMIT ${EXACT_COUNT_LIMIT + 1}) "capped"`;
}

/** The total as the server makes it: capped count, then above the limit a count kept 30 s. */
async function totalOf(db: BaselineDb, resource: ListResource, seen: number): Promise<number> {
  const t = LIST_TARGETS[resource];
  const [capped] = await db.query<{ n: number | string }>(cappedCountSql(db, resource), [
    t.filterValue,
  ]);
  const upTo = Number(capped!.n);
  if (upTo <= EXACT_COUNT_LIMIT) return Math.max(upTo, seen);
  const hit = counted.get(resource);
  const now = Date.now();
  if (hit && now - hit.at < COUNT_CACHE_MS) return Math.max(hit.total, seen);
  const [count] = await db.query<{ cnt: number | string }>(countSql(db, resource), [t.filterValue]);
  counted.set(resource, { total: Number(count!.cnt), at: now });
  return Math.max(Number(count!.cnt), seen);
}

function inList(db: BaselineDb, ids: unknown[]): string {
  const p = placeholders(db);
  return ids.map(() => p()).join(', ');
}

async function byIds(
  db: BaselineDb,
  sql: (list: string) => string,
  ids: (string | null | undefined)[],
): Promise<Row[]> {
  const present = ids.filter((x): x is string => !!x);
  if (present.length === 0) return [];
  return db.query<Row>(sql(inList(db, present)), present);
}

const usersSql = (l: string) =>
  `SELECT "User"."id" AS "User_id", "User"."name" AS "User_name" FROM "users" "User" WHERE (("User"."id" IN (${l})))`;

async function requestRows(db: BaselineDb, rows: Row[]): Promise<Row[]> {
  const [users, references, subjects] = await Promise.all([
    byIds(
      db,
      usersSql,
      rows.map((r) => r.request_assignee_id as string),
    ),
    byIds(
      db,
      (l) =>
        `SELECT "PrivacyRequest"."id" AS "PrivacyRequest_id", "PrivacyRequest"."reference" AS "PrivacyRequest_reference" FROM "privacy_requests" "PrivacyRequest" WHERE (("PrivacyRequest"."id" IN (${l})))`,
      rows.map((r) => r.request_duplicate_of_id as string),
    ),
    byIds(
      db,
      (l) =>
        `SELECT "Subject"."id" AS "Subject_id", "Subject"."name" AS "Subject_name" FROM "subjects" "Subject" WHERE (("Subject"."id" IN (${l})))`,
      rows.map((r) => r.request_subject_id as string),
    ),
  ]);
  const userName = new Map(users.map((u) => [u.User_id, u.User_name]));
  const reference = new Map(
    references.map((r) => [r.PrivacyRequest_id, r.PrivacyRequest_reference]),
  );
  const subjectName = new Map(subjects.map((s) => [s.Subject_id, s.Subject_name]));
  return rows.map((r) => ({
    ...r,
    assigneeName: userName.get(r.request_assignee_id) ?? null,
    subjectName: subjectName.get(r.request_subject_id) ?? null,
    duplicateOfReference: reference.get(r.request_duplicate_of_id) ?? null,
  }));
}

async function disclosureRows(db: BaselineDb, rows: Row[]): Promise<Row[]> {
  const links = await byIds(
    db,
    (l) =>
      `SELECT "DisclosureSubject"."disclosure_id" AS "DisclosureSubject_disclosure_id", "DisclosureSubject"."subject_id" AS "DisclosureSubject_subject_id", "DisclosureSubject"."violation_flag_id" AS "DisclosureSubject_violation_flag_id" FROM "disclosure_subjects" "DisclosureSubject" WHERE (("DisclosureSubject"."disclosure_id" IN (${l})))`,
    rows.map((r) => r.disclosure_id as string),
  );
  const flags = await byIds(
    db,
    (l) =>
      `SELECT * FROM "violation_flags" "ViolationFlag" WHERE (("ViolationFlag"."id" IN (${l})))`,
    links.map((x) => x.DisclosureSubject_violation_flag_id as string),
  );
  const processes = await byIds(
    db,
    (l) => `SELECT * FROM "legal_processes" "LegalProcess" WHERE (("LegalProcess"."id" IN (${l})))`,
    rows.map((r) => r.disclosure_legal_process_id as string),
  );
  const amends = await byIds(
    db,
    (l) =>
      `SELECT ${selectList('Disclosure', DISCLOSURE_COLUMNS)} FROM "disclosures" "Disclosure" WHERE (("Disclosure"."id" IN (${l})))`,
    rows.map((r) => r.disclosure_amends_id as string),
  );
  const requests = await byIds(
    db,
    (l) =>
      `SELECT "PrivacyRequest"."id" AS "PrivacyRequest_id", "PrivacyRequest"."reference" AS "PrivacyRequest_reference" FROM "privacy_requests" "PrivacyRequest" WHERE (("PrivacyRequest"."id" IN (${l})))`,
    rows.map((r) => r.disclosure_consent_request_id as string),
  );
  const users = await byIds(db, usersSql, [
    ...rows.map((r) => r.disclosure_recorded_by_id as string),
    ...rows.map((r) => r.disclosure_reviewed_by_id as string),
  ]);
  const userName = new Map(users.map((u) => [u.User_id, u.User_name]));
  const flagOf = new Map(flags.map((f) => [f.id, f]));
  const processOf = new Map(processes.map((p) => [p.id, p]));
  const amendOf = new Map(amends.map((d) => [d.Disclosure_id, d.Disclosure_reference]));
  const requestOf = new Map(requests.map((r) => [r.PrivacyRequest_id, r.PrivacyRequest_reference]));
  return rows.map((r) => ({
    ...r,
    subjects: links
      .filter((l) => l.DisclosureSubject_disclosure_id === r.disclosure_id)
      .map((l) => ({
        subjectId: l.DisclosureSubject_subject_id,
        flag: flagOf.get(l.DisclosureSubject_violation_flag_id) ?? null,
      })),
    legalProcess: processOf.get(r.disclosure_legal_process_id) ?? null,
    amendsReference: amendOf.get(r.disclosure_amends_id) ?? null,
    consentRequestReference: requestOf.get(r.disclosure_consent_request_id) ?? null,
    recordedByName: userName.get(r.disclosure_recorded_by_id) ?? null,
    reviewedByName: userName.get(r.disclosure_reviewed_by_id) ?? null,
  }));
}

/** One list page as Privacy Desk answers it, total included. */
export async function baselinePage(
  db: BaselineDb,
  resource: ListResource,
  url: URL,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const t = LIST_TARGETS[resource];
  const offset = Number(url.searchParams.get('offset') ?? '0');
  const afterValue = url.searchParams.get('afterValue');
  const afterId = url.searchParams.get('afterId');
  const keyset = afterValue !== null && afterId !== null;
  const params: unknown[] = keyset
    ? [t.filterValue, afterValue, afterValue, afterId, 0]
    : [t.filterValue, offset];
  const page = await db.query<Row>(pageSql(db, resource, keyset), params);
  const total =
    offset === 0 && !keyset && page.length < 25
      ? page.length
      : await totalOf(db, resource, offset + page.length);
  const rows =
    resource === 'requests' ? await requestRows(db, page) : await disclosureRows(db, page);
  const end = rows.length === 0 ? offset : offset + rows.length - 1;
  return {
    status: 200,
    headers: { 'Content-Range': `${resource} ${offset}-${end}/${total}` },
    body: JSON.stringify(rows),
  };
}

/** Baseline routes of this scenario, served by the bare node:http baseline server. */
export const listBaselineRoutes: Record<string, BaselineRoute> = {
  '/list/requests': (db, url) => baselinePage(db, 'requests', url),
  '/list/disclosures': (db, url) => baselinePage(db, 'disclosures', url),
};
