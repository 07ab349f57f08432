import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  canonicalPostalAddress,
  dateInZone,
  SUPPRESSION_CHANNEL_LABELS,
  SUPPRESSION_CHANNELS,
  SUPPRESSION_SCOPE_LABELS,
  SUPPRESSION_SCOPES,
  suppressionStopBy,
} from '@privacy-desk/shared';
import type {
  SuppressionChannel,
  SuppressionCheckDto,
  SuppressionScope,
} from '@privacy-desk/shared';
import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { notFound, validationError } from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { AppConfig } from '../config/app-config.js';
import type { PrivacyRequest } from '../requests/privacy-request.entity.js';
import type { Subject } from '../subjects/subject.entity.js';
import { normaliseEmail } from '../users/users.service.js';
import { Suppression } from './suppression.entity.js';
import { ACTIVE_FILTER_COLUMN, SuppressionRepository } from './suppression.repository.js';
import { SuppressionDto } from './suppression.dto.js';

export const SUPPRESSION_LIST_SPEC: ListSpec = {
  sortable: {
    effectiveAt: 'effectiveAt',
    createdAt: 'createdAt',
    stopBy: 'stopBy',
    channel: 'channel',
    scope: 'scope',
    revokedAt: 'revokedAt',
    sourceReference: 'sourceReference',
  },
  filterable: {
    q: { column: 'value', kind: 'search', columns: ['value', 'sourceReference', 'valueHash'] },
    channel: { column: 'channel', kind: 'exact', values: SUPPRESSION_CHANNELS },
    scope: { column: 'scope', kind: 'exact', values: SUPPRESSION_SCOPES },
    subjectId: { column: 'subjectId', kind: 'exact' },
    sourceRequestId: { column: 'sourceRequestId', kind: 'exact' },
    active: { column: ACTIVE_FILTER_COLUMN, kind: 'boolean' },
  },
  defaultSort: ['effectiveAt', 'DESC'],
};

/** What an opt-out (or opt-in) did to the list: the caller writes it on the timeline. */
export interface SuppressionSummary {
  written: Suppression[];
  /** Active entries that already covered a value and scope (nothing new written). */
  alreadyActive: Suppression[];
  revoked: Suppression[];
  skipped: { channel: SuppressionChannel; reason: string }[];
  /** One sentence for the timeline, free of personal data. */
  text: string;
}

export interface OptOutInstruction {
  channels: readonly SuppressionChannel[];
  scopes: readonly SuppressionScope[];
  /** "Opt me back in": revoke instead of suppress. */
  optIn?: boolean;
}

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

/** The suppression (opt-out) list: writing entries from opt-outs, revoking on opt-in, reading. */
@Injectable()
export class SuppressionsService {
  constructor(
    private readonly entries: SuppressionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  // ---- Reading ------------------------------------------------------------------------------

  list(params: RawListParams) {
    return this.entries.findPage(parseListQuery(params, SUPPRESSION_LIST_SPEC));
  }

  async get(id: string): Promise<Suppression> {
    const entry = await this.entries.findById(id);
    if (!entry) throw notFound('Suppression entry');
    return entry;
  }

  bySourceRequest(requestId: string): Promise<Suppression[]> {
    return this.entries.findBySourceRequest(requestId);
  }

  async present(entries: Suppression[]): Promise<SuppressionDto[]> {
    const subjects = await this.entries.subjectNames(
      entries.map((e) => e.subjectId).filter((id): id is string => !!id),
    );
    const names = new Map(subjects.map((s) => [s.id, s.name]));
    return entries.map((entry) => SuppressionDto.from(entry, names));
  }

  /** Is this email (or phone) suppressed, for which scopes, since when. */
  /** The subject's active entries, as their access package lists them. */
  activeForSubject(subjectId: string): Promise<Suppression[]> {
    return this.entries.findActiveBySubject(subjectId);
  }

  async check(input: { email?: string; phone?: string }): Promise<SuppressionCheckDto> {
    const email = input.email?.trim();
    const phone = input.phone?.trim();
    if (!!email === !!phone) {
      throw validationError({ email: 'Give an email address or a phone number (one, not both)' });
    }
    let found: Suppression[];
    if (email) {
      found = await this.entries.findActiveByValue('email', normaliseEmail(email));
    } else {
      const e164 = this.normalisePhone(phone!);
      if (!e164) throw validationError({ phone: 'is not a valid phone number' });
      found = await this.entries.findActiveByValue('phone', e164);
    }
    return {
      suppressed: found.length > 0,
      scopes: SUPPRESSION_SCOPES.filter((scope) => found.some((e) => e.scope === scope)),
      since: found[0]?.effectiveAt.toISOString() ?? null,
    };
  }

  /** Which of these subjects opted out of sharing with business partners (an active entry). */
  partnerSharingOptOuts(subjectIds: string[]): Promise<Set<string>> {
    return this.entries.subjectsOptedOutOfPartnerSharing(subjectIds);
  }

  // ---- Writing (inside the caller's transaction) --------------------------------------------

  /**
   * Writes the entries an opt-out asks for, when it becomes `new`: one per channel (the
   * subject's normalised email, E.164 phone, canonical postal line; without a subject, the
   * requester's email) and scope. Idempotent: an active entry for the same channel, value and
   * scope is left as it is. Call inside the caller's `tx.run`; writes the audit entry.
   */
  async applyOptOut(
    actor: Actor,
    request: PrivacyRequest,
    subject: Subject | null,
    instruction: OptOutInstruction,
  ): Promise<SuppressionSummary> {
    if (instruction.optIn) return this.revokeForOptIn(actor, request, subject, instruction);
    const now = this.clock.now();
    const { timeZone, holidays } = this.config.clockSettings;
    const effectiveOn = dateInZone(now, timeZone);
    const { values, skipped } = this.valuesOf(request, subject, instruction.channels);
    const written: Suppression[] = [];
    const alreadyActive: Suppression[] = [];
    for (const { channel, value } of values) {
      for (const scope of instruction.scopes) {
        const existing = await this.entries.findActive(channel, value, scope);
        if (existing) {
          alreadyActive.push(existing);
          continue;
        }
        const rule = suppressionStopBy({
          jurisdiction: request.jurisdiction,
          scope,
          channel,
          effectiveOn,
          holidays,
        });
        written.push(
          Object.assign(new Suppression(), {
            id: randomUUID(),
            subjectId: subject?.id ?? null,
            channel,
            value,
            valueHash: sha256Hex(value),
            scope,
            sourceRequestId: request.id,
            sourceReference: request.reference,
            effectiveAt: now,
            stopBy: rule.stopBy,
            stopByCitation: rule.citation,
            revokedAt: null,
            revokedByRequestId: null,
            revokeReason: null,
            createdAt: now,
            version: 1,
          } satisfies Suppression),
        );
      }
    }
    await this.entries.insert(written);
    const text = describe('Suppressed', written, alreadyActive, skipped);
    await this.audit.record(actor, {
      action: 'suppression.applied',
      entityType: 'privacy_request',
      entityId: request.id,
      summary: `${request.reference}: ${text}`,
    });
    return { written, alreadyActive, revoked: [], skipped, text };
  }

  /**
   * Opting back in: revokes the active entries of the person's values for these channels and
   * scopes. Only a verified request from the person does this; anything else revokes nothing.
   */
  async revokeForOptIn(
    actor: Actor,
    request: PrivacyRequest,
    subject: Subject | null,
    instruction: OptOutInstruction,
  ): Promise<SuppressionSummary> {
    const { values, skipped } = this.valuesOf(request, subject, instruction.channels);
    let revoked: Suppression[] = [];
    let text: string;
    if (!request.verifiedAt || request.channel === 'gpc') {
      text =
        'Nothing revoked: only a request the person verified from their own email can opt back in';
    } else {
      const now = this.clock.now();
      revoked = await this.entries.findActiveByValues(values, instruction.scopes);
      for (const entry of revoked) {
        entry.revokedAt = now;
        entry.revokedByRequestId = request.id;
        entry.revokeReason = `The person opted back in (${request.reference})`;
        if (!(await this.entries.saveVersioned(entry))) {
          // Someone revoked it in the meantime: it stays revoked as they recorded.
          continue;
        }
      }
      text = `Opted back in: ${revoked.length} suppression ${revoked.length === 1 ? 'entry' : 'entries'} revoked`;
    }
    await this.audit.record(actor, {
      action: 'suppression.revoked',
      entityType: 'privacy_request',
      entityId: request.id,
      summary: `${request.reference}: ${text}`,
    });
    return { written: [], alreadyActive: [], revoked, skipped, text };
  }

  // ---- Helpers ------------------------------------------------------------------------------

  private valuesOf(
    request: PrivacyRequest,
    subject: Subject | null,
    channels: readonly SuppressionChannel[],
  ) {
    const values: { channel: SuppressionChannel; value: string }[] = [];
    const skipped: { channel: SuppressionChannel; reason: string }[] = [];
    for (const channel of channels) {
      let value: string | null = null;
      let missing = 'the subject has no value for it';
      if (channel === 'email') {
        value = normaliseEmail(subject?.email ?? request.requesterEmail) || null;
      } else if (!subject) {
        missing = 'no subject is linked to the request';
      } else if (channel === 'phone') {
        value = subject.phone ? this.normalisePhone(subject.phone) : null;
        missing = subject.phone ? 'the phone number is not valid' : 'the subject has no phone';
      } else {
        value = canonicalPostalAddress([
          subject.addressLine1,
          subject.addressLine2,
          subject.city,
          subject.region,
          subject.postalCode,
          subject.country,
        ]);
        missing = 'the subject has no postal address';
      }
      if (value) values.push({ channel, value });
      else skipped.push({ channel, reason: missing });
    }
    return { values, skipped };
  }

  normalisePhone(value: string): string | null {
    const parsed = parsePhoneNumberFromString(
      value,
      this.config.env.DEFAULT_PHONE_COUNTRY as CountryCode,
    );
    return parsed?.isValid() ? parsed.number : null;
  }
}

function describe(
  verb: string,
  written: Suppression[],
  alreadyActive: Suppression[],
  skipped: { channel: SuppressionChannel; reason: string }[],
): string {
  const parts = [
    `${verb} ${written.length} ${written.length === 1 ? 'entry' : 'entries'}${
      written.length
        ? ` (${written
            .map(
              (e) =>
                `${SUPPRESSION_CHANNEL_LABELS[e.channel].toLowerCase()}: ${SUPPRESSION_SCOPE_LABELS[e.scope].toLowerCase()}, stop by ${e.stopBy}`,
            )
            .join('; ')})`
        : ''
    }`,
  ];
  if (alreadyActive.length) parts.push(`${alreadyActive.length} already on the list`);
  for (const s of skipped)
    parts.push(`${SUPPRESSION_CHANNEL_LABELS[s.channel].toLowerCase()} skipped: ${s.reason}`);
  return parts.join('; ');
}
