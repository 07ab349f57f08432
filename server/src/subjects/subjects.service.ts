import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  addMonths,
  compareDates,
  dateInZone,
  dateOfBirthProblem,
  labelOf,
  listInWords,
  SUBJECT_FIELD_LABELS,
} from '@privacy-desk/shared';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import {
  conflict,
  notFound,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { flattenValidationErrors } from '../common/errors/validation.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { normaliseEmail } from '../users/users.service.js';
import { UpdateSubjectDto } from './subject.dto.js';
import type { CreateSubjectDto, SubjectChangeDto } from './subject.dto.js';
import { SubjectChange } from './subject-change.entity.js';
import { ERASED_MINOR_NAME, erasedEmailOf, Subject, SUBJECT_FIELDS } from './subject.entity.js';
import type { SubjectField } from './subject.entity.js';
import { SubjectRepository } from './subject.repository.js';

export const SUBJECT_LIST_SPEC: ListSpec = {
  sortable: { name: 'name', email: 'email', createdAt: 'createdAt', updatedAt: 'updatedAt' },
  filterable: {
    q: { column: 'name', kind: 'search', columns: ['name', 'email', 'phone', 'company'] },
    email: { column: 'email', kind: 'exact' },
    isMinor: { column: 'isMinor', kind: 'boolean' },
    id: { column: 'id', kind: 'exact' },
  },
  defaultSort: ['name', 'ASC'],
};

/** Called, inside the same transaction, when a subject turns out to be under 18. */
export type MinorListener = (subject: Subject, actor: Actor) => Promise<void>;

@Injectable()
export class SubjectsService {
  private readonly minorListeners: MinorListener[] = [];

  constructor(
    private readonly subjects: SubjectRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly config: AppConfig,
  ) {}

  onMinorDetected(listener: MinorListener): void {
    this.minorListeners.push(listener);
  }

  list(params: RawListParams) {
    const query = parseListQuery(params, SUBJECT_LIST_SPEC);
    // A phone number searched for in any format matches its stored E.164 form.
    for (const filter of query.filters) {
      if (filter.spec.kind === 'search' && typeof filter.value === 'string') {
        const phone = this.tryPhone(filter.value);
        if (phone) filter.value = phone;
      }
    }
    return this.subjects.findPage(query);
  }

  async get(id: string): Promise<Subject> {
    const subject = await this.subjects.findById(id);
    if (!subject) throw notFound('Subject');
    return subject;
  }

  /** Names for subject ids shown beside other records, in one query. */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.subjects.namesOf(ids);
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  findByEmail(email: string): Promise<Subject | null> {
    return this.subjects.findByEmail(normaliseEmail(email));
  }

  async history(id: string): Promise<SubjectChangeDto[]> {
    await this.get(id);
    return (await this.subjects.history(id)).map((c) => ({
      id: c.id,
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      changedBy: c.changedByLabel,
      reason: c.reason,
      at: c.at.toISOString(),
    }));
  }

  async create(actor: Actor, input: CreateSubjectDto, reason = 'staff edit'): Promise<Subject> {
    const values = this.normalise(input);
    return this.tx.run(async () => {
      if (await this.subjects.findByEmail(values.email!)) {
        throw validationError({ email: 'A subject with this email already exists' });
      }
      const now = new Date();
      const subject = Object.assign(new Subject(), {
        id: randomUUID(),
        name: values.name!,
        company: null,
        addressLine1: null,
        addressLine2: null,
        city: null,
        region: null,
        postalCode: null,
        country: null,
        phone: null,
        jobTitle: null,
        dateOfBirth: null,
        ...values,
        isMinor: false,
        erasedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      subject.isMinor = this.isMinor(subject.dateOfBirth);
      await this.subjects.insert(subject);
      await this.recordChanges(
        actor,
        subject.id,
        SUBJECT_FIELDS.filter((f) => subject[f] !== null).map((f) => [f, null, subject[f]]),
        reason,
        now,
      );
      await this.audit.record(actor, {
        action: 'subject.created',
        entityType: 'subject',
        entityId: subject.id,
        summary: subject.isMinor
          ? 'Created a subject (under 18: review queued)'
          : 'Created a subject',
      });
      if (subject.isMinor)
        for (const listener of this.minorListeners) await listener(subject, actor);
      return subject;
    });
  }

  async update(
    actor: Actor,
    id: string,
    input: UpdateSubjectDto,
    reason = 'staff edit',
  ): Promise<Subject> {
    const values = this.normalise(input);
    return this.tx.run(async () => {
      const subject = await this.get(id);
      this.refuseErased(subject);
      if (subject.version !== input.version) throw staleVersion('This subject');
      const changes: [SubjectField, string | null, string | null][] = [];
      for (const field of SUBJECT_FIELDS) {
        if (!(field in values)) continue;
        const next = values[field] ?? null;
        if (next !== subject[field]) {
          changes.push([field, subject[field], next]);
        }
      }
      if (changes.length === 0) return subject;
      if (values.email && values.email !== subject.email) {
        const other = await this.subjects.findByEmail(values.email);
        if (other && other.id !== subject.id)
          throw validationError({ email: 'A subject with this email already exists' });
      }
      const wasMinor = subject.isMinor;
      for (const [field, , next] of changes)
        (subject as unknown as Record<string, string | null>)[field] = next;
      subject.isMinor = this.isMinor(subject.dateOfBirth);
      subject.updatedAt = new Date();
      if (!(await this.subjects.saveVersioned(subject))) throw staleVersion('This subject');
      await this.recordChanges(actor, subject.id, changes, reason, subject.updatedAt);
      await this.audit.record(actor, {
        action: 'subject.updated',
        entityType: 'subject',
        entityId: subject.id,
        summary: `Changed ${listInWords(changes.map(([field]) => labelOf(SUBJECT_FIELD_LABELS, field)))} (${reason})`,
      });
      if (subject.isMinor && !wasMinor)
        for (const listener of this.minorListeners) await listener(subject, actor);
      return subject;
    });
  }

  /**
   * Erases a confirmed minor's personal data, inside the caller's transaction: every field
   * blanked, the name shown as "Erased minor", the field-value history removed. Records that
   * point at the subject (requests, disclosures) stay. `reason` is the request reference.
   */
  async eraseMinor(actor: Actor, id: string, reason: string, now: Date): Promise<Subject> {
    return this.tx.run(async () => {
      const subject = await this.get(id);
      this.refuseErased(subject);
      if (!subject.isMinor)
        throw conflict(
          'This subject’s date of birth no longer shows them under 18; their data is not erased. Complete the review instead',
          'not_a_minor',
        );
      for (const field of SUBJECT_FIELDS)
        (subject as unknown as Record<string, string | null>)[field] = null;
      subject.name = ERASED_MINOR_NAME;
      subject.email = erasedEmailOf(subject.id);
      subject.isMinor = true;
      subject.erasedAt = now;
      subject.updatedAt = now;
      if (!(await this.subjects.saveVersioned(subject))) throw staleVersion('This subject');
      const removed = await this.subjects.deleteHistory(subject.id);
      await this.audit.record(actor, {
        action: 'subject.erased',
        entityType: 'subject',
        entityId: subject.id,
        summary: `Erased the personal data of a confirmed minor and ${removed} field-history entries (${reason})`,
      });
      return subject;
    });
  }

  /**
   * Corrects a date of birth that wrongly made the subject a minor, inside the caller's
   * transaction: the new date must make them 18 or older. Recorded in the field history with
   * `reason` (the request reference). 422 on a bad date.
   */
  async correctDateOfBirth(
    actor: Actor,
    id: string,
    dateOfBirth: string,
    reason: string,
  ): Promise<Subject> {
    return this.tx.run(async () => {
      const subject = await this.get(id);
      this.refuseErased(subject);
      const { dateOfBirth: normalised } = this.normalise({ dateOfBirth });
      if (this.isMinor(normalised ?? null))
        throw validationError({
          dateOfBirth:
            'makes the subject under 18; erase their data instead, or enter the date that shows them 18 or older',
        });
      if (normalised === subject.dateOfBirth)
        throw validationError({ dateOfBirth: 'is the date already on record' });
      return this.update(actor, id, { dateOfBirth: normalised, version: subject.version }, reason);
    });
  }

  private refuseErased(subject: Subject): void {
    if (subject.erasedAt)
      throw conflict(
        'This subject’s personal data was erased (a confirmed minor); the record can no longer be edited',
        'subject_erased',
      );
    if (subject.purgedAt)
      throw conflict(
        'This subject’s personal data was purged after its retention period; the record can no longer be edited',
        'subject_purged',
      );
  }

  private async recordChanges(
    actor: Actor,
    subjectId: string,
    changes: [string, string | null, string | null][],
    reason: string,
    at: Date,
  ): Promise<void> {
    await this.subjects.insertChanges(
      changes.map(([field, oldValue, newValue]) =>
        Object.assign(new SubjectChange(), {
          id: randomUUID(),
          subjectId,
          field,
          oldValue,
          newValue,
          changedByType: actor.type,
          changedById: actor.id,
          changedByLabel: actor.label,
          reason: reason.slice(0, 200),
          at,
        }),
      ),
    );
  }

  /**
   * Checks and normalises field values exactly as an edit would (the DTO's rules, then
   * email, phone and date of birth): the clean values, or a 422 naming each bad field.
   * For other features that write subject fields through `update` (a correction's decisions).
   */
  checkFields(
    values: Partial<Record<SubjectField, string | null>>,
  ): Partial<Record<SubjectField, string | null>> {
    const instance = plainToInstance(UpdateSubjectDto, { ...values, version: 1 });
    const errors = validateSync(instance, { whitelist: true });
    if (errors.length) throw validationError(flattenValidationErrors(errors));
    const clean: Partial<Record<SubjectField, string | null>> = {};
    for (const field of SUBJECT_FIELDS)
      if (field in values) clean[field] = (instance[field] as string | null | undefined) ?? null;
    return this.normalise(clean);
  }

  /** Checks and normalises input fields (email, phone, date of birth); 422 names each bad field. */
  private normalise(
    input: Partial<Record<SubjectField, string | null | undefined>>,
  ): Partial<Record<SubjectField, string | null>> {
    const out: Partial<Record<SubjectField, string | null>> = {};
    const errors: Record<string, string> = {};
    for (const field of SUBJECT_FIELDS) {
      const value = input[field];
      if (value === undefined) continue;
      out[field] = value;
    }
    if (typeof out.email === 'string') out.email = normaliseEmail(out.email);
    if (typeof out.phone === 'string') {
      const phone = this.tryPhone(out.phone);
      if (phone) out.phone = phone;
      else
        errors.phone =
          'is not a valid phone number (use +country code for numbers outside the default country)';
    }
    if (typeof out.dateOfBirth === 'string') {
      const today = dateInZone(new Date(), this.config.env.BUSINESS_TIME_ZONE);
      const problem = dateOfBirthProblem(out.dateOfBirth, today);
      if (problem) errors.dateOfBirth = problem;
    }
    if (Object.keys(errors).length > 0) throw validationError(errors);
    return out;
  }

  private tryPhone(value: string): string | null {
    const parsed = parsePhoneNumberFromString(
      value,
      this.config.env.DEFAULT_PHONE_COUNTRY as CountryCode,
    );
    return parsed?.isValid() ? parsed.number : null;
  }

  /** Under 18 today, in the business time zone. */
  isMinor(dateOfBirth: string | null): boolean {
    if (!dateOfBirth) return false;
    const today = dateInZone(new Date(), this.config.env.BUSINESS_TIME_ZONE);
    return compareDates(addMonths(dateOfBirth, 18 * 12).date, today) > 0;
  }
}
