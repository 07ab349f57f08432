import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import { conflict, notFound, staleVersion } from '../common/errors/domain-errors.js';
import { TransactionService } from '../database/transaction.service.js';
import type { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { OptOutCheck } from './opt-out-check.entity.js';
import { SuppressionRepository } from './suppression.repository.js';
import { OptOutCheckDto } from './suppression.dto.js';

export const DOWNSTREAM_ITEM_LABEL = 'Downstream systems told (CRM, mailing tool, call lists)';

/**
 * The staff task of an opt-out: confirm that downstream systems and every business partner
 * that received the person's data (from the disclosure log) were told. Completion of the
 * request waits until each item is ticked.
 */
@Injectable()
export class OptOutChecklistService {
  constructor(
    private readonly repo: SuppressionRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  /** Writes the checklist of a request that became `new` (inside the caller's transaction). */
  async createFor(request: PrivacyRequest, subjectId: string | null): Promise<OptOutCheck[]> {
    const existing = new Set((await this.repo.checksOf(request.id)).map((c) => c.itemKey));
    const now = this.clock.now();
    const partners = subjectId ? await this.repo.partnerRecipientsOf(subjectId) : [];
    const wanted = [
      { kind: 'downstream' as const, itemKey: 'downstream', label: DOWNSTREAM_ITEM_LABEL },
      ...[...new Set(partners)].map((name) => ({
        kind: 'partner' as const,
        itemKey: `partner:${name.trim().toLowerCase()}`.slice(0, 250),
        label: `Partner told: ${name}`.slice(0, 200),
      })),
    ];
    const items = wanted
      .filter(
        (w, i, all) =>
          !existing.has(w.itemKey) && all.findIndex((o) => o.itemKey === w.itemKey) === i,
      )
      .map((w) =>
        Object.assign(new OptOutCheck(), {
          id: randomUUID(),
          requestId: request.id,
          ...w,
          doneAt: null,
          doneById: null,
          note: null,
          createdAt: now,
          version: 1,
        } satisfies OptOutCheck),
      );
    await this.repo.insertChecks(items);
    return items;
  }

  /** Items still open: the request cannot complete while there are any. */
  async blockers(requestId: string): Promise<string[]> {
    const open = (await this.repo.checksOf(requestId)).filter((c) => c.doneAt === null);
    return open.map((c) => `Not yet confirmed: ${c.label}`);
  }

  async present(requestId: string): Promise<OptOutCheckDto[]> {
    const items = await this.repo.checksOf(requestId);
    const users = await this.repo.userNames(
      items.map((i) => i.doneById).filter((id): id is string => !!id),
    );
    const names = new Map(users.map((u) => [u.id, u.name]));
    return items.map((item) => OptOutCheckDto.from(item, names));
  }

  /** Ticks every open item with the same note (the demo desk; one audit entry per item). */
  async confirmAll(
    actor: Actor,
    request: Pick<PrivacyRequest, 'id' | 'reference'>,
    note: string,
  ): Promise<void> {
    for (const item of await this.repo.checksOf(request.id)) {
      if (!item.doneAt) await this.tick(actor, request, item.id, { version: item.version, note });
    }
  }

  /** Staff tick an item (audited); a second tick is a 409, a stale version a 409. */
  async tick(
    actor: Actor,
    request: Pick<PrivacyRequest, 'id' | 'reference'>,
    checkId: string,
    input: { version: number; note?: string },
  ): Promise<OptOutCheck> {
    return this.tx.run(async () => {
      const item = await this.repo.findCheck(request.id, checkId);
      if (!item) throw notFound('Checklist item');
      if (item.version !== input.version) throw staleVersion('This checklist item');
      if (item.doneAt) throw conflict('This item was confirmed already', 'already_done');
      item.doneAt = this.clock.now();
      item.doneById = actor.id;
      item.note = input.note?.trim() || null;
      if (!(await this.repo.saveCheckVersioned(item))) throw staleVersion('This checklist item');
      await this.audit.record(actor, {
        action: 'opt_out.check_done',
        entityType: 'privacy_request',
        entityId: request.id,
        summary: `${request.reference}: confirmed "${item.kind === 'partner' ? 'partner told' : 'downstream systems told'}"`,
      });
      return item;
    });
  }
}
