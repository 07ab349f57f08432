import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { conflict, staleVersion } from '../common/errors/domain-errors.js';
import { Clock } from '../common/clock/clock.js';
import { TransactionService } from '../database/transaction.service.js';
import { ERASED_MINOR_NAME, erasedEmailOf } from '../subjects/subject.entity.js';
import type { Subject } from '../subjects/subject.entity.js';
import { SubjectsService } from '../subjects/subjects.service.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import { RequestLifecycleService } from './request-lifecycle.service.js';
import { RequestRepository } from './request.repository.js';
import { RequestsService } from './requests.service.js';

/**
 * The two ways staff settle a minor review, each in one transaction that also completes the
 * request (timeline event and audit entry through the life cycle):
 * - the age is confirmed: the subject's personal data is erased;
 * - the date of birth was wrong: it is corrected to one that makes the subject 18 or older.
 */
@Injectable()
export class MinorReviewService {
  constructor(
    private readonly reader: RequestsService,
    private readonly requests: RequestRepository,
    private readonly lifecycle: RequestLifecycleService,
    private readonly subjects: SubjectsService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  async erase(actor: Actor, id: string, input: { version: number }): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const { request, subject } = await this.load(actor, id, input.version);
      const now = this.clock.now();
      await this.subjects.eraseMinor(actor, subject.id, request.reference, now);
      const name = ERASED_MINOR_NAME;
      const email = erasedEmailOf(subject.id);
      await this.requests.replaceRequesterOf(subject.id, request.id, name, email);
      Object.assign(request, { requesterName: name, requesterEmail: email });
      return this.lifecycle.apply(actor, request, 'complete', {
        version: request.version,
        resolution:
          'Age confirmed: the subject is under 18. Their personal data was erased (fields blanked, ' +
          'field history removed); the request and disclosure records stay, shown as “Erased minor”.',
      });
    });
  }

  async correctDateOfBirth(
    actor: Actor,
    id: string,
    input: { version: number; dateOfBirth: string },
  ): Promise<PrivacyRequest> {
    return this.tx.run(async () => {
      const { request, subject } = await this.load(actor, id, input.version);
      const corrected = await this.subjects.correctDateOfBirth(
        actor,
        subject.id,
        input.dateOfBirth,
        request.reference,
      );
      return this.lifecycle.apply(actor, request, 'complete', {
        version: request.version,
        resolution: `Date of birth corrected to ${corrected.dateOfBirth}: the subject is 18 or older, so their data stays.`,
      });
    });
  }

  /**
   * The request at the version the caller saw, of the right kind and status, with its subject.
   * The life-cycle guard runs first, so a wrong status is a 409 before anything changes.
   */
  private async load(
    actor: Actor,
    id: string,
    version: number,
  ): Promise<{ request: PrivacyRequest; subject: Subject }> {
    const request = await this.reader.get(id);
    if (request.version !== version) throw staleVersion('This request');
    if (request.kind !== 'minor_review')
      throw conflict('Only a minor review can erase or correct a date of birth', 'wrong_kind');
    this.lifecycle.guard(actor, request, 'complete', { version, resolution: 'checked' });
    if (request.assigneeId !== actor.id)
      throw conflict(
        'This request is assigned to someone else; ask a manager to reassign it',
        'not_assignee',
      );
    if (!request.subjectId)
      throw conflict('This minor review is not linked to a subject', 'no_subject');
    return { request, subject: await this.subjects.get(request.subjectId) };
  }
}
