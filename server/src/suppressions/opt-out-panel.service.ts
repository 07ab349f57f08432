import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { notFound } from '../common/errors/domain-errors.js';
import { OptOutChecklistService } from './opt-out-checklist.service.js';
import { SuppressionRepository } from './suppression.repository.js';
import type { OptOutCheckDto, OptOutPanelDto } from './suppression.dto.js';
import { SuppressionsService } from './suppressions.service.js';

/** What the console shows on an opt-out request: its entries and its checklist. */
@Injectable()
export class OptOutPanelService {
  constructor(
    private readonly repo: SuppressionRepository,
    private readonly suppressions: SuppressionsService,
    private readonly checklist: OptOutChecklistService,
  ) {}

  private async request(requestId: string) {
    const request = await this.repo.requestRef(requestId);
    if (!request || request.kind !== 'opt_out') throw notFound('Opt-out request');
    return request;
  }

  async panel(requestId: string): Promise<OptOutPanelDto> {
    await this.request(requestId);
    const [entries, checks] = await Promise.all([
      this.suppressions.bySourceRequest(requestId).then((e) => this.suppressions.present(e)),
      this.checklist.present(requestId),
    ]);
    return { entries, checks };
  }

  async tick(
    actor: Actor,
    requestId: string,
    checkId: string,
    input: { version: number; note?: string },
  ): Promise<OptOutCheckDto> {
    const request = await this.request(requestId);
    const item = await this.checklist.tick(actor, request, checkId, input);
    const [dto] = (await this.checklist.present(requestId)).filter((c) => c.id === item.id);
    return dto!;
  }
}
