import { Injectable } from '@nestjs/common';
import type { Jurisdiction, SubmittableKind } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import type { PrivacyRequest } from './privacy-request.entity.js';
import { RequestIntakeService } from './request-intake.service.js';

export interface PublicSubmission {
  kind: SubmittableKind;
  requesterName: string;
  requesterEmail: string;
  jurisdiction?: Jurisdiction;
  payload: unknown;
  /** The honeypot: people never see it, form-filling bots do. */
  website?: string;
}

const PUBLIC_ACTOR: Actor = { type: 'system', id: null, label: 'public request form' };

/** Submissions by anyone: the web form, and Global Privacy Control signals that ride on them. */
@Injectable()
export class PublicRequestsService {
  constructor(
    private readonly intake: RequestIntakeService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates the submitted request as unverified and emails the confirmation link. With the
   * `Sec-GPC: 1` header, the person's browser also asks to opt out of sale and sharing
   * (CCPA §7025): that opt-out needs no verification and joins the queue at once.
   * A filled honeypot is answered like a success and creates nothing.
   */
  async submit(input: PublicSubmission, options: { gpc: boolean }): Promise<PrivacyRequest[]> {
    if (input.website) return [];
    const created: PrivacyRequest[] = [];
    const gpcOnThisRequest = options.gpc && input.kind === 'opt_out';
    if (gpcOnThisRequest) {
      created.push(await this.createGpcOptOut(input, input.payload));
      return created;
    }
    const { request } = await this.intake.create(PUBLIC_ACTOR, {
      kind: input.kind,
      channel: 'web_form',
      jurisdiction: input.jurisdiction,
      requesterName: input.requesterName,
      requesterEmail: input.requesterEmail,
      receivedAt: this.clock.now(),
      payload: input.payload,
      status: 'unverified',
      notifyRequester: true,
    });
    created.push(request);
    if (options.gpc) {
      created.push(
        await this.createGpcOptOut(input, {
          channels: ['email', 'phone', 'post'],
          scopes: ['partner_sharing'],
        }),
      );
    }
    return created;
  }

  private async createGpcOptOut(
    input: PublicSubmission,
    payload: unknown,
  ): Promise<PrivacyRequest> {
    const { request } = await this.intake.create(PUBLIC_ACTOR, {
      kind: 'opt_out',
      channel: 'gpc',
      jurisdiction: 'ccpa',
      requesterName: input.requesterName,
      requesterEmail: input.requesterEmail,
      receivedAt: this.clock.now(),
      payload,
      status: 'new',
      notifyRequester: true,
    });
    return request;
  }
}
