/**
 * The bulk rows of the benchmark data set, written straight through the driver.
 *
 * Every row is one the application itself could have written: enum values from `shared/`,
 * deadlines from the shared legal clock, suppression stop-by dates from the shared rule,
 * references numbered per year as the reference counters would, one timeline event or more
 * per request. No audit entries are generated for the bulk rows: the audit log records what
 * people did through the application, and a benchmark needs none of it (the accounts and the
 * API key, made through the real services, have theirs).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import {
  computeClock,
  CORRECTABLE_FIELDS,
  DATA_CATEGORIES,
  DENIAL_REASONS,
  formatRecordReference,
  suppressionStopBy,
} from '@privacy-desk/shared';
import type {
  CorrectableField,
  DenialReason,
  DisclosureBasis,
  Jurisdiction,
  RecipientType,
  RequestChannel,
  RequestKind,
  RequestStatus,
  ReviewStatus,
  SuppressionChannel,
  SuppressionScope,
} from '@privacy-desk/shared';
import { Random } from './prng.js';
import {
  COMPANIES,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  places,
  PURPOSES,
  RECIPIENTS,
  REJECTIONS,
  RESOLUTIONS,
  STREETS,
} from './vocabulary.js';
import type { Place } from './vocabulary.js';
import type { BulkWriter, TableSpec, Value } from './writers.js';

/** The desk's "now" for the data set: fixed, so that the same scale gives the same rows. */
export const DATASET_END = new Date(Date.UTC(2026, 10, 1));
const DAY = 86_400_000;
const SPAN = 3 * 365 * DAY;
const START = DATASET_END.getTime() - SPAN;
/** Requests received in the last this many days before DATASET_END may still be open. */
const OPEN_WINDOW = 60 * DAY;
/** The claim queue's requests were received in the last this many days. */
const QUEUE_WINDOW = 30 * DAY;
const BATCH = 5_000;
const COMMIT_EVERY = 250_000;

export interface Person {
  id: string;
  name: string;
}

/** What the generator needs from the accounts made through the real services. */
export interface Accounts {
  /** The benchmark's staff account first, then the extra staff. */
  staff: Person[];
  manager: Person;
  /** A compliance officer: the reviewer of the approved and returned disclosures. */
  reviewer: Person;
  apiKey: { id: string; name: string };
}

export interface GenerateResult {
  counts: Record<string, number>;
  claimQueue: number;
  scrubSuppressed: number;
}

const SUBJECTS: TableSpec = {
  name: 'subjects',
  columns: [
    ['id', 'text'],
    ['name', 'text'],
    ['company', 'text'],
    ['address_line1', 'text'],
    ['address_line2', 'text'],
    ['city', 'text'],
    ['region', 'text'],
    ['postal_code', 'text'],
    ['country', 'text'],
    ['email', 'text'],
    ['phone', 'text'],
    ['job_title', 'text'],
    ['date_of_birth', 'text'],
    ['is_minor', 'boolean'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
    ['version', 'integer'],
  ],
};

const SUPPRESSIONS: TableSpec = {
  name: 'suppressions',
  columns: [
    ['id', 'text'],
    ['subject_id', 'text'],
    ['channel', 'text'],
    ['value', 'text'],
    ['value_hash', 'text'],
    ['scope', 'text'],
    ['source_request_id', 'text'],
    ['source_reference', 'text'],
    ['effective_at', 'timestamptz'],
    ['stop_by', 'text'],
    ['stop_by_citation', 'text'],
    ['revoked_at', 'timestamptz'],
    ['revoked_by_request_id', 'text'],
    ['revoke_reason', 'text'],
    ['created_at', 'timestamptz'],
    ['version', 'integer'],
  ],
};

const DISCLOSURES: TableSpec = {
  name: 'disclosures',
  columns: [
    ['id', 'text'],
    ['reference', 'text'],
    ['aggregated', 'boolean'],
    ['recipient_name', 'text'],
    ['recipient_type', 'text'],
    ['recipient_address', 'text'],
    ['basis', 'text'],
    ['purpose', 'text'],
    ['data_categories', 'text'],
    ['disclosed_at', 'timestamptz'],
    ['consent_note', 'text'],
    ['consent_given_on', 'text'],
    ['review_status', 'text'],
    ['reviewed_by_id', 'text'],
    ['reviewed_at', 'timestamptz'],
    ['review_note', 'text'],
    ['recorded_by_id', 'text'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
    ['version', 'integer'],
  ],
};

const DISCLOSURE_SUBJECTS: TableSpec = {
  name: 'disclosure_subjects',
  columns: [
    ['disclosure_id', 'text'],
    ['subject_id', 'text'],
  ],
};

const REQUESTS: TableSpec = {
  name: 'privacy_requests',
  columns: [
    ['id', 'text'],
    ['reference', 'text'],
    ['kind', 'text'],
    ['channel', 'text'],
    ['jurisdiction', 'text'],
    ['status', 'text'],
    ['requester_name', 'text'],
    ['requester_email', 'text'],
    ['subject_id', 'text'],
    ['assignee_id', 'text'],
    ['assignment_kind', 'text'],
    ['received_at', 'timestamptz'],
    ['due_at', 'timestamptz'],
    ['extended_at', 'timestamptz'],
    ['extension_reason', 'text'],
    ['resolution', 'text'],
    ['reason', 'text'],
    ['denial_reason', 'text'],
    ['payload', 'text'],
    ['entered_by_id', 'text'],
    ['verification_token_hash', 'text'],
    ['verification_expires_at', 'timestamptz'],
    ['verified_at', 'timestamptz'],
    ['closed_at', 'timestamptz'],
    ['created_at', 'timestamptz'],
    ['updated_at', 'timestamptz'],
    ['version', 'integer'],
  ],
};

const EVENTS: TableSpec = {
  name: 'request_events',
  columns: [
    ['request_id', 'text'],
    ['at', 'timestamptz'],
    ['type', 'text'],
    ['actor_type', 'text'],
    ['actor_id', 'text'],
    ['actor_label', 'text'],
    ['from_status', 'text'],
    ['to_status', 'text'],
    ['summary', 'text'],
    ['body', 'text'],
  ],
};

const REFERENCE_COUNTERS: TableSpec = {
  name: 'reference_counters',
  columns: [
    ['prefix', 'text'],
    ['year', 'integer'],
    ['last_number', 'integer'],
  ],
};

/** A 32-bit integer hash (murmur3's finaliser) of an index and a salt. */
function mix(i: number, salt: number): number {
  let h = (i ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (value: number, width: number) =>
  (value >>> 0)
    .toString(16)
    .padStart(8, '0')
    .slice(8 - width);

/**
 * A version-4 UUID for row `i` of a table: random-looking at the front (so that inserts spread
 * over the primary key's B-tree as real ids do), unique by construction at the back.
 */
export function idFor(table: number, i: number): string {
  return (
    `${hex(mix(i, table), 8)}-${hex(mix(i, table + 101), 4)}-4${hex(mix(i, table + 202), 3)}-` +
    `a${hex(table, 3)}-${hex(mix(i, table + 303), 4)}${hex(i, 8)}`
  );
}

const TABLE_TAGS = { subject: 1, suppression: 2, disclosure: 3, request: 4 } as const;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Who subject `i` is: a pure function of `i`, so other tables can name them without a lookup. */
export function subjectIdentity(
  i: number,
  allPlaces: readonly Place[],
): { name: string; email: string; place: Place } {
  const h = mix(i, 0x5b1e);
  const first = FIRST_NAMES[h % FIRST_NAMES.length]!;
  const last = LAST_NAMES[(h >>> 8) % LAST_NAMES.length]!;
  const place = allPlaces[(h >>> 16) % allPlaces.length]!;
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${i}@${place.domain}`.toLowerCase(),
    place,
  };
}

/** The suppression entry `k`: channel and value are pure functions of `k` (the scrub file reads them). */
function suppressionShape(
  k: number,
  allPlaces: readonly Place[],
): { channel: SuppressionChannel; value: string; subject: boolean; revoked: boolean } {
  if (k % 20 === 7) {
    return {
      channel: 'phone',
      value: `+1555${String(k).padStart(8, '0')}`,
      subject: false,
      revoked: false,
    };
  }
  if (k % 50 === 13) {
    const h = mix(k, 0x9057);
    const place = allPlaces[h % allPlaces.length]!;
    const street = STREETS[(h >>> 8) % STREETS.length]!;
    const line = `${(h % 200) + 1} ${street}, ${place.city}, ${place.country}`.toUpperCase();
    return { channel: 'post', value: `${line}, BOX ${k}`, subject: false, revoked: false };
  }
  const revoked = k % 33 === 5;
  if (k % 2 === 0) {
    return { channel: 'email', value: subjectIdentity(k, allPlaces).email, subject: true, revoked };
  }
  const place = allPlaces[mix(k, 0x0b7) % allPlaces.length]!;
  return { channel: 'email', value: `optout.${k}@${place.domain}`, subject: false, revoked };
}

class Batches {
  private rows: Value[][] = [];
  private sinceCommit = 0;
  written = 0;

  constructor(
    private readonly writer: BulkWriter,
    private readonly table: TableSpec,
    /** Rows this table's foreign keys point at: written first. */
    private readonly parent?: Batches,
  ) {}

  /** Resolves at once unless the batch is full (the writer then runs). */
  add(row: Value[]): Promise<void> | undefined {
    this.rows.push(row);
    return this.rows.length >= BATCH ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.parent?.flush();
    await this.writer.insert(this.table, this.rows);
    this.written += this.rows.length;
    this.sinceCommit += this.rows.length;
    this.rows = [];
    if (this.sinceCommit >= COMMIT_EVERY) {
      await this.writer.commit();
      this.sinceCommit = 0;
    }
  }
}

class Progress {
  private readonly started = performance.now();
  private lastLog = this.started;

  constructor(
    private readonly log: (message: string) => void,
    private readonly what: string,
    private readonly total: number,
  ) {}

  tick(done: number): void {
    const now = performance.now();
    if (now - this.lastLog < 5_000) return;
    this.lastLog = now;
    const rate = done / ((now - this.started) / 1000);
    this.log(
      `  ${this.what}: ${done.toLocaleString('en-US')} / ${this.total.toLocaleString('en-US')} (${Math.round(rate).toLocaleString('en-US')} rows/s)`,
    );
  }

  done(rows: number): void {
    const seconds = (performance.now() - this.started) / 1000;
    this.log(
      `  ${this.what}: ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s)`,
    );
  }
}

/** Numbers references per prefix and year, as the reference counters would. */
class References {
  private readonly last = new Map<string, number>();

  next(prefix: 'PR' | 'DL', at: Date): string {
    const year = at.getUTCFullYear();
    const key = `${prefix}:${year}`;
    const n = (this.last.get(key) ?? 0) + 1;
    this.last.set(key, n);
    return formatRecordReference(prefix, year, n);
  }

  rows(): Value[][] {
    return [...this.last].map(([key, n]) => {
      const [prefix, year] = key.split(':');
      return [prefix!, Number(year), n];
    });
  }
}

export async function generateRows(
  writer: BulkWriter,
  scale: number,
  accounts: Accounts,
  scrubCsvPath: string,
  log: (message: string) => void,
): Promise<GenerateResult> {
  const counts: Record<string, number> = {};
  const references = new References();
  const staffPerson = (r: Random) => r.pick(accounts.staff);

  // ---- subjects -----------------------------------------------------------------------------
  {
    const r = new Random(0x5b61ec7 ^ scale);
    const allPlaces = places((n) => r.int(n));
    const out = new Batches(writer, SUBJECTS);
    const progress = new Progress(log, 'subjects', scale);
    for (let i = 0; i < scale; i++) {
      const who = subjectIdentity(i, allPlaces);
      const p = who.place;
      const created = new Date(START - 2 * 365 * DAY + r.int(5 * 365 * DAY));
      const hasAddress = r.chance(0.7);
      await out.add([
        idFor(TABLE_TAGS.subject, i),
        who.name,
        r.chance(0.6) ? r.pick(COMPANIES) : null,
        hasAddress ? `${r.between(1, 250)} ${r.pick(STREETS)}` : null,
        hasAddress && r.chance(0.2) ? `Flat ${r.between(1, 40)}` : null,
        p.city,
        p.region,
        hasAddress ? p.postal() : null,
        p.country,
        who.email,
        r.chance(0.6) ? `${p.phone}${String(r.int(10_000)).padStart(4, '0')}` : null,
        r.chance(0.5) ? r.pick(JOB_TITLES) : null,
        r.chance(0.5)
          ? `${r.between(1950, 2004)}-${String(r.between(1, 12)).padStart(2, '0')}-${String(r.between(1, 28)).padStart(2, '0')}`
          : null,
        false,
        created,
        created,
        1,
      ]);
      if (i % BATCH === 0) progress.tick(i);
    }
    await out.flush();
    progress.done(out.written);
    counts.subjects = out.written;
  }
  const allPlaces = places(() => 0);

  // ---- suppressions -------------------------------------------------------------------------
  {
    const r = new Random(0x5a9932 ^ scale);
    const out = new Batches(writer, SUPPRESSIONS);
    const progress = new Progress(log, 'suppressions', scale);
    const stopByCache = new Map<string, { stopBy: string; citation: string }>();
    const jurisdictions: readonly Jurisdiction[] = ['gdpr', 'ccpa', 'can_spam', 'other'];
    for (let k = 0; k < scale; k++) {
      const shape = suppressionShape(k, allPlaces);
      const effective = new Date(START + r.int(SPAN));
      const scope: SuppressionScope = r.chance(0.7) ? 'marketing_contact' : 'partner_sharing';
      const jurisdiction = r.pick(jurisdictions);
      const effectiveOn = isoDate(effective.getTime());
      const key = `${jurisdiction}|${scope}|${shape.channel}|${effectiveOn}`;
      let stop = stopByCache.get(key);
      if (!stop) {
        stop = suppressionStopBy({ jurisdiction, scope, channel: shape.channel, effectiveOn });
        stopByCache.set(key, stop);
      }
      const revokedAt = shape.revoked
        ? new Date(
            Math.min(effective.getTime() + r.between(5, 300) * DAY, DATASET_END.getTime() - DAY),
          )
        : null;
      await out.add([
        idFor(TABLE_TAGS.suppression, k),
        shape.subject ? idFor(TABLE_TAGS.subject, k) : null,
        shape.channel,
        shape.value,
        sha256(shape.value),
        scope,
        null,
        null,
        effective,
        stop.stopBy,
        stop.citation,
        revokedAt,
        null,
        revokedAt ? 'The person opted back in by email.' : null,
        effective,
        1,
      ]);
      if (k % BATCH === 0) progress.tick(k);
    }
    await out.flush();
    progress.done(out.written);
    counts.suppressions = out.written;
  }

  // ---- the scrub file: `scale` addresses, every tenth on the suppression list ----------------
  let scrubSuppressed = 0;
  {
    const wanted = Math.ceil(scale / 10);
    const eligible: number[] = [];
    for (let k = 0; k < scale; k++) {
      const shape = suppressionShape(k, allPlaces);
      if (shape.channel === 'email' && !shape.revoked) eligible.push(k);
    }
    if (eligible.length < wanted) throw new Error('Too few email suppressions for the scrub file');
    const step = Math.floor(eligible.length / wanted);
    writeFileSync(scrubCsvPath, 'email\n');
    let chunk: string[] = [];
    for (let j = 0; j < scale; j++) {
      if (j % 10 === 0) {
        chunk.push(suppressionShape(eligible[(j / 10) * step]!, allPlaces).value);
        scrubSuppressed += 1;
      } else {
        chunk.push(`prospect.${j}@example.org`);
      }
      if (chunk.length >= 50_000) {
        appendFileSync(scrubCsvPath, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length) appendFileSync(scrubCsvPath, `${chunk.join('\n')}\n`);
    log(
      `  scrub file: ${scale.toLocaleString('en-US')} addresses, ${scrubSuppressed.toLocaleString('en-US')} suppressed`,
    );
  }

  // ---- disclosures and their subjects -------------------------------------------------------
  {
    const r = new Random(0xd15c705e ^ scale);
    const out = new Batches(writer, DISCLOSURES);
    const links = new Batches(writer, DISCLOSURE_SUBJECTS, out);
    const progress = new Progress(log, 'disclosures', scale);
    const bases: readonly (readonly [DisclosureBasis, number])[] = [
      ['service_delivery', 55],
      ['partner_marketing', 20],
      ['consent', 15],
      ['suspected_fraud_or_illegal', 10],
    ];
    const reviews: readonly (readonly [ReviewStatus, number])[] = [
      ['approved', 88],
      ['pending_review', 9],
      ['returned', 3],
    ];
    for (let d = 0; d < scale; d++) {
      const disclosed = new Date(START + Math.floor(((d + r.next()) * (SPAN - 3 * DAY)) / scale));
      const created = new Date(disclosed.getTime() + r.int(2 * DAY));
      const aggregated = r.chance(0.02);
      const basis: DisclosureBasis = aggregated ? 'service_delivery' : r.weighted(bases);
      const recipientType: RecipientType =
        basis === 'partner_marketing'
          ? 'business_partner'
          : basis === 'suspected_fraud_or_illegal'
            ? r.chance(0.8)
              ? 'law_enforcement'
              : 'government'
            : basis === 'consent'
              ? 'business_partner'
              : 'service_provider';
      const recipients = RECIPIENTS[recipientType as keyof typeof RECIPIENTS];
      const purposes = PURPOSES[basis as keyof typeof PURPOSES];
      const categories = r.some(DATA_CATEGORIES, r.between(1, 4));
      const review = r.weighted(reviews);
      const recorder = staffPerson(r);
      const reviewedAt =
        review === 'pending_review' ? null : new Date(created.getTime() + r.between(1, 5) * DAY);
      const id = idFor(TABLE_TAGS.disclosure, d);
      await out.add([
        id,
        references.next('DL', created),
        aggregated,
        r.pick(recipients),
        recipientType,
        r.chance(0.5) ? `${r.between(1, 900)} ${r.pick(STREETS)}, ${r.pick(allPlaces).city}` : null,
        basis,
        aggregated ? 'Monthly usage statistics, aggregated' : r.pick(purposes),
        JSON.stringify(categories),
        disclosed,
        basis === 'consent' ? 'Consent given on the signed partner form, kept on file' : null,
        basis === 'consent' ? isoDate(disclosed.getTime() - r.int(30) * DAY) : null,
        review,
        reviewedAt ? accounts.reviewer.id : null,
        reviewedAt,
        review === 'returned'
          ? 'The purpose does not match the recipient; please correct it.'
          : null,
        recorder.id,
        created,
        reviewedAt ?? created,
        review === 'pending_review' ? 1 : 2,
      ]);
      if (!aggregated) {
        const n = r.weighted([
          [1, 85],
          [2, 12],
          [3, 3],
        ] as const);
        const chosen = new Set<number>();
        while (chosen.size < n) chosen.add(r.int(scale));
        for (const s of chosen) await links.add([id, idFor(TABLE_TAGS.subject, s)]);
      }
      if (d % BATCH === 0) progress.tick(d);
    }
    await out.flush();
    await links.flush();
    progress.done(out.written);
    counts.disclosures = out.written;
    counts.disclosure_subjects = links.written;
  }

  // ---- privacy requests, their timelines, and the claim queue -------------------------------
  const bulk = Math.floor(scale / 2);
  const claimQueue = Math.min(10_000, Math.floor(scale / 10));
  {
    const r = new Random(0x9e0e57 ^ scale);
    const out = new Batches(writer, REQUESTS);
    const events = new Batches(writer, EVENTS, out);
    const progress = new Progress(log, 'requests', bulk + claimQueue);
    const clockCache = new Map<string, ReturnType<typeof computeClock>>();
    const clockOf = (
      jurisdiction: Jurisdiction,
      kind: RequestKind,
      receivedAt: Date,
      extendedAt: Date | null,
      scopes: readonly string[] | undefined,
    ) => {
      const key = `${jurisdiction}|${kind}|${scopes?.join(',') ?? ''}|${isoDate(receivedAt.getTime())}|${extendedAt ? isoDate(extendedAt.getTime()) : ''}`;
      let clock = clockCache.get(key);
      if (!clock) {
        clock = computeClock({ jurisdiction, kind, receivedAt, extendedAt, optOutScopes: scopes });
        clockCache.set(key, clock);
      }
      return clock;
    };
    const kinds: readonly (readonly [RequestKind, number])[] = [
      ['access', 35],
      ['opt_out', 30],
      ['correction', 20],
      ['disclosure_report', 15],
    ];
    const channels: readonly (readonly [RequestChannel, number])[] = [
      ['web_form', 45],
      ['email', 20],
      ['api', 20],
      ['phone', 5],
      ['mail', 5],
      ['staff', 5],
    ];
    const jurisdictionFor = (kind: RequestKind): Jurisdiction =>
      kind === 'opt_out'
        ? r.weighted([
            ['gdpr', 40],
            ['ccpa', 40],
            ['can_spam', 20],
          ] as const)
        : kind === 'disclosure_report'
          ? r.weighted([
              ['hipaa', 40],
              ['gdpr', 30],
              ['ccpa', 30],
            ] as const)
          : r.weighted([
              ['gdpr', 50],
              ['ccpa', 35],
              ['other', 15],
            ] as const);
    const payloadFor = (kind: RequestKind, received: Date): Record<string, unknown> => {
      switch (kind) {
        case 'access':
          return { format: r.pick(['pdf', 'csv', 'json'] as const) };
        case 'opt_out':
          return {
            channels: r.chance(0.7) ? ['email'] : ['email', 'phone'],
            scopes: r.weighted([
              [['marketing_contact'], 60],
              [['partner_sharing'], 20],
              [['marketing_contact', 'partner_sharing'], 20],
            ] as const),
          };
        case 'correction': {
          const field: CorrectableField = r.pick([
            'jobTitle',
            'city',
            'company',
            'name',
            'phone',
          ] as const);
          return {
            corrections: [
              {
                field,
                requestedValue:
                  field === 'jobTitle'
                    ? r.pick(JOB_TITLES)
                    : field === 'city'
                      ? r.pick(allPlaces).city
                      : field === 'company'
                        ? r.pick(COMPANIES)
                        : field === 'phone'
                          ? `+1415555${String(r.int(10_000)).padStart(4, '0')}`
                          : `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
              },
            ],
          };
        }
        default: {
          const end = received.getTime() - r.between(1, 60) * DAY;
          return { periodStart: isoDate(end - 365 * DAY), periodEnd: isoDate(end) };
        }
      }
    };
    void CORRECTABLE_FIELDS;

    type Actor = { type: 'user' | 'api_client' | 'system'; id: string | null; label: string };
    const system: Actor = { type: 'system', id: null, label: 'system' };
    const api: Actor = {
      type: 'api_client',
      id: accounts.apiKey.id,
      label: `API key ${accounts.apiKey.name}`,
    };
    const asUser = (p: Person): Actor => ({ type: 'user', id: p.id, label: p.name });
    const event = (
      requestId: string,
      at: Date,
      type: string,
      actor: Actor,
      summary: string,
      from: RequestStatus | null = null,
      to: RequestStatus | null = null,
      body: string | null = null,
    ) =>
      events.add([
        requestId,
        at,
        type,
        actor.type,
        actor.id,
        actor.label,
        from,
        to,
        summary.slice(0, 500),
        body,
      ]);

    let b = 0;
    let c = 0;
    const queueStart = DATASET_END.getTime() - QUEUE_WINDOW;
    const bulkTime = (i: number) => START + Math.floor(((i + 0.5) * (SPAN - DAY)) / bulk);
    const queueTime = (i: number) =>
      queueStart + Math.floor(((i + 0.5) * (QUEUE_WINDOW - DAY)) / claimQueue);
    let q = 0;
    while (b < bulk || c < claimQueue) {
      // Both sequences are in time order; merging them numbers references as a desk would.
      const queued = b >= bulk || (c < claimQueue && queueTime(c) < bulkTime(b));
      const received = new Date((queued ? queueTime(c) : bulkTime(b)) + r.int(DAY / 2));
      if (queued) c += 1;
      else b += 1;
      const id = idFor(TABLE_TAGS.request, q);
      const kind = r.weighted(kinds);
      const channel = r.weighted(channels);
      const jurisdiction = jurisdictionFor(kind);
      const payload = payloadFor(kind, received);
      const scopes = kind === 'opt_out' ? (payload.scopes as string[]) : undefined;
      const age = DATASET_END.getTime() - received.getTime();
      let status: RequestStatus;
      if (queued) status = 'new';
      else if (age > OPEN_WINDOW)
        status = r.weighted([
          ['completed', 85],
          ['rejected', 9],
          ['withdrawn', 6],
        ] as const);
      else
        status = r.weighted([
          ['in_progress', 40],
          ['awaiting_requester', 15],
          ['unverified', 10],
          ['completed', 30],
          ['rejected', 5],
        ] as const);
      const linked = r.chance(0.6);
      const subjectIndex = r.int(scale);
      const who = linked
        ? subjectIdentity(subjectIndex, allPlaces)
        : {
            name: `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`,
            email: `requester.${q}@example.org`,
          };
      const staffEntered =
        channel === 'email' || channel === 'phone' || channel === 'mail' || channel === 'staff';
      const enteredBy = staffEntered ? staffPerson(r) : null;
      const unverified = status === 'unverified';
      const verifiedAt = unverified
        ? null
        : new Date(received.getTime() + (staffEntered ? 0 : r.between(1, 120) * 60_000));
      const closed = status === 'completed' || status === 'rejected' || status === 'withdrawn';
      const extendedAt =
        (closed || status === 'in_progress') && r.chance(0.04) && kind !== 'opt_out'
          ? new Date(received.getTime() + r.between(10, 25) * DAY)
          : null;
      const clock = clockOf(jurisdiction, kind, received, extendedAt, scopes);
      const holder =
        status === 'new' || status === 'unverified' || status === 'withdrawn'
          ? null
          : staffPerson(r);
      const claimedAt = holder
        ? new Date((verifiedAt ?? received).getTime() + r.between(1, 72) * 3_600_000)
        : null;
      let closedAt: Date | null = null;
      if (closed) {
        const latest = Math.max(clock.dueAt.getTime() - DAY, received.getTime() + DAY);
        closedAt = new Date(
          Math.min(
            received.getTime() + DAY + r.int(Math.max(1, latest - received.getTime() - DAY)),
            DATASET_END.getTime() - 60_000,
          ),
        );
        if (claimedAt && claimedAt > closedAt) claimedAt.setTime(closedAt.getTime() - 60_000);
      }
      const denialReason: DenialReason | null =
        status === 'rejected' ? r.pick(DENIAL_REASONS) : null;
      const resolution = status === 'completed' ? r.pick(RESOLUTIONS) : null;
      const reason =
        status === 'rejected'
          ? r.pick(REJECTIONS)
          : status === 'withdrawn'
            ? 'The requester withdrew the request.'
            : null;
      const updated = closedAt ?? claimedAt ?? verifiedAt ?? received;
      await out.add([
        id,
        references.next('PR', received),
        kind,
        channel,
        jurisdiction,
        status,
        who.name,
        who.email,
        linked && !unverified ? idFor(TABLE_TAGS.subject, subjectIndex) : null,
        holder?.id ?? null,
        holder ? (closed ? 'claim' : 'assignment') : null,
        received,
        clock.dueAt,
        extendedAt,
        extendedAt
          ? 'The request is complex: records must be gathered from several systems.'
          : null,
        resolution,
        reason,
        denialReason,
        JSON.stringify(payload),
        enteredBy?.id ?? null,
        unverified ? sha256(`bench-verification-${q}`) : null,
        unverified ? new Date(received.getTime() + 7 * DAY) : null,
        verifiedAt,
        closedAt,
        received,
        updated,
        1 + (claimedAt ? 1 : 0) + (closedAt ? 1 : 0) + (extendedAt ? 1 : 0),
      ]);

      // The timeline: what the services would have written.
      const creator = channel === 'api' ? api : enteredBy ? asUser(enteredBy) : system;
      await event(
        id,
        received,
        'created',
        creator,
        `Received by ${channel.replace('_', ' ')}; ${clock.explanation}`,
      );
      if (linked && !unverified)
        await event(
          id,
          verifiedAt ?? received,
          'subject_linked',
          creator,
          'Linked to the subject with this email',
        );
      if (verifiedAt && !staffEntered)
        await event(
          id,
          verifiedAt,
          'verified',
          system,
          'The requester confirmed the email address',
          'unverified',
          'new',
        );
      if (holder && claimedAt) {
        if (closed)
          await event(
            id,
            claimedAt,
            'claimed',
            asUser(holder),
            `Claimed by ${holder.name}`,
            'new',
            'in_progress',
          );
        else
          await event(
            id,
            claimedAt,
            'assigned',
            asUser(accounts.manager),
            `Assigned to ${holder.name}`,
            'new',
            'in_progress',
          );
      }
      if (extendedAt && holder)
        await event(
          id,
          extendedAt,
          'extended',
          asUser(holder),
          `Deadline extended to ${clock.dueDate}`,
        );
      if (status === 'awaiting_requester' && claimedAt)
        await event(
          id,
          new Date(claimedAt.getTime() + DAY),
          'status_changed',
          asUser(holder!),
          'Asked the requester for more information',
          'in_progress',
          'awaiting_requester',
        );
      if (closedAt) {
        const actor = holder ? asUser(holder) : system;
        await event(
          id,
          closedAt,
          'status_changed',
          actor,
          status === 'completed'
            ? 'Completed'
            : status === 'rejected'
              ? 'Rejected'
              : 'Withdrawn by the requester',
          holder ? 'in_progress' : 'new',
          status,
          resolution ?? reason,
        );
      }
      q += 1;
      if (q % BATCH === 0) progress.tick(q);
    }
    await out.flush();
    await events.flush();
    progress.done(out.written);
    counts.privacy_requests = out.written;
    counts.request_events = events.written;
  }

  // The counters the reference numbers continue from (intake and new disclosures go on from them).
  const refs = references.rows();
  await writer.insert(REFERENCE_COUNTERS, refs);
  counts.reference_counters = refs.length;
  await writer.commit();
  return { counts, claimQueue, scrubSuppressed };
}
