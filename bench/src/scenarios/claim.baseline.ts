import type { BaselineDb } from '../baseline/db.js';
import type { BaselineRoute } from '../baseline/route.js';
import { appendAudit, insertEvent, sqlFor, stamp } from './intake.baseline.js';

/** Baseline routes of this scenario, served by the bare node:http baseline server. */
export const claimBaselineRoutes: Record<string, BaselineRoute> = {};

const LEASE_MS = 30 * 60_000;

/**
 * One claim as RequestQueueService.claimNext runs it, through the bare driver: the expired
 * lease lookup, then in one transaction the next unassigned `new` request due soonest (FOR
 * UPDATE SKIP LOCKED on PostgreSQL), its versioned update, its `claimed` event and its audit
 * entry. Null when the queue is empty.
 */
export async function baselineClaim(
  db: BaselineDb,
  holder: { id: string; label: string },
): Promise<string | null> {
  const now = new Date();
  await db.query(
    sqlFor(
      db,
      "SELECT id FROM privacy_requests WHERE status = 'in_progress' AND lease_expires_at < ?",
    ),
    [stamp(db, now)],
  );
  return db.transaction(async (tx) => {
    const [next] = await tx.query<{ id: string; reference: string; version: number }>(
      `SELECT id, reference, version FROM privacy_requests
        WHERE status = 'new' AND assignee_id IS NULL
        ORDER BY due_at ASC, received_at ASC LIMIT 1${tx.kind === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''}`,
    );
    if (!next) return null;
    await tx.query(
      sqlFor(
        tx,
        `UPDATE privacy_requests SET status = 'in_progress', assignee_id = ?,
           assignment_kind = 'claim', lease_expires_at = ?, updated_at = ?, version = ?
         WHERE id = ? AND version = ?`,
      ),
      [
        holder.id,
        stamp(tx, new Date(now.getTime() + LEASE_MS)),
        stamp(tx, now),
        Number(next.version) + 1,
        next.id,
        next.version,
      ],
    );
    const actor = { actorType: 'user', actorId: holder.id, actorLabel: holder.label };
    await insertEvent(tx, {
      requestId: next.id,
      at: now,
      type: 'claimed',
      ...actor,
      from: 'new',
      to: 'in_progress',
      summary: `Claimed by ${holder.label}`,
    });
    await appendAudit(
      tx,
      {
        ...actor,
        action: 'request.claim',
        entityType: 'request',
        entityId: next.id,
        summary: `${next.reference}: claim (new → in_progress)`,
      },
      now,
    );
    return next.id;
  });
}

/**
 * Drains the queue with `callers` loops (one on SQLite, whose driver has one connection; one per
 * pooled connection on PostgreSQL). Returns the ids claimed, in order.
 */
export async function baselineDrain(
  db: BaselineDb,
  holders: { id: string; label: string }[],
  callers: number,
): Promise<string[]> {
  const claimed: string[] = [];
  await Promise.all(
    Array.from({ length: callers }, async (_, i) => {
      const holder = holders[i % holders.length]!;
      for (;;) {
        const id = await baselineClaim(db, holder);
        if (id === null) return;
        claimed.push(id);
      }
    }),
  );
  return claimed;
}
