import { createHmac, randomUUID } from 'node:crypto';
import type { BaselineDb } from '../baseline/db.js';
import type { BaselineRoute } from '../baseline/route.js';

/** The audit chain's first link (as server/src/audit/audit-chain.ts). */
const GENESIS_HASH = '0'.repeat(64);
/** Any fixed key: the baseline MACs each audit row as the server does, with one HMAC. */
const BASELINE_MAC_KEY = 'privacy-desk-bench-baseline';
/** The advisory lock key the server's audit append takes on PostgreSQL. */
const AUDIT_APPEND_LOCK_KEY = 7_420_001;
const CLOSED = ['completed', 'rejected', 'withdrawn'];

/** `?` placeholders as the driver wants them (`$1`, `$2`… on PostgreSQL). */
export function sqlFor(db: BaselineDb, sql: string): string {
  if (db.kind === 'sqlite') return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const tuned = new WeakSet<object>();

/**
 * The server's SQLite connection settings (server/src/database/data-source-options.ts):
 * synchronous NORMAL and foreign keys on, so that the baseline commits the way the server does.
 */
export function likeTheServer(db: BaselineDb): BaselineDb {
  if (db.sqlite && !tuned.has(db.sqlite)) {
    db.sqlite.pragma('synchronous = NORMAL');
    db.sqlite.pragma('foreign_keys = ON');
    tuned.add(db.sqlite);
  }
  return db;
}

/** A timestamp as TypeORM stores it: ISO text without a zone on SQLite, a Date on PostgreSQL. */
export function stamp(db: BaselineDb, at: Date): string | Date {
  return db.kind === 'sqlite' ? at.toISOString().replace('T', ' ').slice(0, 23) : at;
}

export interface AuditRow {
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
}

/**
 * What AuditService.record runs: the append lock (PostgreSQL), the chain's last entry, one
 * HMAC, the insert. Inside the caller's transaction.
 */
export async function appendAudit(db: BaselineDb, row: AuditRow, at: Date): Promise<void> {
  if (db.kind === 'postgres')
    await db.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK_KEY]);
  const [last] = await db.query<{ seq: number | string; hash: string }>(
    'SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1',
  );
  const seq = Number(last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = createHmac('sha256', BASELINE_MAC_KEY)
    .update(
      JSON.stringify([
        'privacy-desk-audit-v2',
        seq,
        at.toISOString(),
        row.actorType,
        row.actorId,
        row.actorLabel,
        row.action,
        row.entityType,
        row.entityId,
        row.summary,
        prevHash,
        'bench',
      ]),
    )
    .digest('hex');
  await db.query(
    sqlFor(
      db,
      `INSERT INTO audit_entries (seq, at, actor_type, actor_id, actor_label, action, entity_type,
         entity_id, summary, prev_hash, hash, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    [
      seq,
      stamp(db, at),
      row.actorType,
      row.actorId,
      row.actorLabel,
      row.action,
      row.entityType,
      row.entityId,
      row.summary,
      prevHash,
      hash,
      'bench',
    ],
  );
}

/** A timeline line, as RequestEvents.record writes it. */
export async function insertEvent(
  db: BaselineDb,
  event: {
    requestId: string;
    at: Date;
    type: string;
    actorType: string;
    actorId: string | null;
    actorLabel: string;
    from?: string | null;
    to?: string | null;
    summary: string;
    mailId?: string | null;
    mailStatus?: string | null;
  },
): Promise<void> {
  await db.query(
    sqlFor(
      db,
      `INSERT INTO request_events (request_id, at, type, actor_type, actor_id, actor_label,
         from_status, to_status, summary, body, mail_id, mail_status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    ),
    [
      event.requestId,
      stamp(db, event.at),
      event.type,
      event.actorType,
      event.actorId,
      event.actorLabel,
      event.from ?? null,
      event.to ?? null,
      event.summary,
      event.mailId ?? null,
      event.mailStatus ?? null,
    ],
  );
}

interface IntakeBody {
  kind: string;
  requesterName: string;
  requesterEmail: string;
  payload: unknown;
}

/**
 * The writes of one API intake (RequestIntakeService.create with its acknowledgement), in one
 * transaction through the bare driver: the reference counter, the subject lookup by email, the
 * open-duplicate lookup, the request, its `created` event, its audit entry, the held outbox
 * mail, the mail's audit entry and its `email_sent` event. No validation, no clock rules (the
 * due date is received + 45 days), no key check.
 */
export async function baselineIntake(
  db: BaselineDb,
  body: IntakeBody,
  apiClientId: string,
): Promise<{ id: string; reference: string }> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const year = now.getUTCFullYear();
    const [counter] = await tx.query<{ last_number: number | string }>(
      tx.kind === 'postgres'
        ? 'INSERT INTO reference_counters (prefix, year, last_number) VALUES ($1, $2, 1) ON CONFLICT (prefix, year) DO UPDATE SET last_number = reference_counters.last_number + 1 RETURNING last_number'
        : 'INSERT INTO reference_counters (prefix, year, last_number) VALUES (?, ?, 1) ON CONFLICT (prefix, year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number',
      ['PR', year],
    );
    const reference = `PR-${year}-${String(Number(counter!.last_number)).padStart(6, '0')}`;
    const email = body.requesterEmail.trim().toLowerCase();
    const [subject] = await tx.query<{ id: string }>(
      sqlFor(tx, 'SELECT id FROM subjects WHERE email = ? LIMIT 1'),
      [email],
    );
    const id = randomUUID();
    const [duplicate] = await tx.query<{ id: string }>(
      sqlFor(
        tx,
        `SELECT id FROM privacy_requests WHERE requester_email = ? AND kind = ?
           AND status NOT IN (?, ?, ?) AND id <> ? ORDER BY received_at ASC LIMIT 1`,
      ),
      [email, body.kind, ...CLOSED, id],
    );
    const due = new Date(now.getTime() + 45 * 86_400_000);
    await tx.query(
      sqlFor(
        tx,
        `INSERT INTO privacy_requests (id, reference, kind, channel, jurisdiction, status,
           requester_name, requester_email, subject_id, received_at, due_at, payload,
           duplicate_of_id, verified_at, created_at, updated_at, version)
         VALUES (?, ?, ?, 'api', 'ccpa', 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      ),
      [
        id,
        reference,
        body.kind,
        body.requesterName.trim(),
        email,
        subject?.id ?? null,
        stamp(tx, now),
        stamp(tx, due),
        JSON.stringify(body.payload),
        duplicate?.id ?? null,
        stamp(tx, now),
        stamp(tx, now),
        stamp(tx, now),
      ],
    );
    const actor = { actorType: 'api_client', actorId: apiClientId, actorLabel: 'API key bench' };
    await insertEvent(tx, {
      requestId: id,
      at: now,
      type: 'created',
      ...actor,
      summary: `Received by api; due ${due.toISOString().slice(0, 10)}`,
    });
    await appendAudit(
      tx,
      {
        ...actor,
        action: 'request.created',
        entityType: 'request',
        entityId: id,
        summary: `Created ${reference} (${body.kind}, api, ccpa) as new`,
      },
      now,
    );
    const mailId = randomUUID();
    await tx.query(
      sqlFor(
        tx,
        `INSERT INTO mail_outbox (id, to_address, subject, body, sealed_link, template, status,
           request_id, created_at, sent_at, attempts, last_error, message_id)
         VALUES (?, ?, ?, ?, NULL, 'acknowledgement', 'held', ?, ?, NULL, 0, NULL, NULL)`,
      ),
      [
        mailId,
        email,
        `We received your request ${reference}`,
        `We received your request ${reference}. We will answer by ${due.toISOString().slice(0, 10)}.`,
        id,
        stamp(tx, now),
      ],
    );
    await appendAudit(
      tx,
      {
        ...actor,
        action: 'mail.queued',
        entityType: 'mail',
        entityId: mailId,
        summary: 'Queued acknowledgement email (held in the outbox: no SMTP server is configured)',
      },
      now,
    );
    await insertEvent(tx, {
      requestId: id,
      at: now,
      type: 'email_sent',
      ...actor,
      summary: 'Email to the requester (acknowledgement): held in the outbox',
      mailId,
      mailStatus: 'held',
    });
    return { id, reference };
  });
}

/** Baseline routes of this scenario, served by the bare node:http baseline server. */
export const intakeBaselineRoutes: Record<string, BaselineRoute> = {
  '/intake/requests': async (db, _url, body) => {
    const created = await baselineIntake(
      likeTheServer(db),
      JSON.parse(body) as IntakeBody,
      'bench-baseline',
    );
    return { status: 201, body: JSON.stringify({ ...created, status: 'new' }) };
  },
};
