import { Injectable } from '@nestjs/common';
import { IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { Actor } from '../../auth/actor.js';
import type { PrivacyRequest } from '../privacy-request.entity.js';
import { RequestMailer } from '../request-mailer.js';
import { RequestKindHandler } from './request-kind.js';
import type { KindContext, PayloadRules } from './request-kind.js';
import { A_DATE, anId } from '../../common/errors/messages.js';

/** What a `gag_notice` request carries: the legal process its subject is told about. */
export interface GagNoticePayload {
  legalProcessId: string;
  legalProcessReference: string;
  typeLabel: string;
  issuingAuthority: string;
  receivedOn: string;
}

/** Created by the gag-lapse job: tell the subject of the legal process that named them. */
class GagNoticePayloadDto implements GagNoticePayload {
  @IsUUID('all', anId('a legal process'))
  legalProcessId: string;

  @IsString()
  @MaxLength(20)
  legalProcessReference: string;

  @IsString()
  @MaxLength(100)
  typeLabel: string;

  @IsString()
  @MaxLength(300)
  issuingAuthority: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, A_DATE)
  receivedOn: string;
}

export const gagNoticePayload: PayloadRules = { dto: GagNoticePayloadDto };

/** Called inside the transaction that completes a `gag_notice` request (the notice was sent). */
export type GagNoticeListener = (request: PrivacyRequest, actor: Actor) => Promise<void>;

/** Tells a subject of legal process, once its gag order lapsed, through the outbox. */
@Injectable()
export class GagNoticeKind extends RequestKindHandler {
  readonly kind = 'gag_notice' as const;
  private readonly listeners: GagNoticeListener[] = [];

  constructor(private readonly mailer: RequestMailer) {
    super();
  }

  /** Runs when a notice is sent, in its transaction (the legal process records `notified_at`). */
  onNoticeSent(listener: GagNoticeListener): void {
    this.listeners.push(listener);
  }

  override async completionLetter({ actor, request }: KindContext): Promise<void> {
    const payload = JSON.parse(request.payload) as GagNoticePayload;
    await this.mailer.send(actor, request, 'legal_process_notice', {
      reference: request.reference,
      legalProcessReference: payload.legalProcessReference,
      typeLabel: payload.typeLabel,
      issuingAuthority: payload.issuingAuthority,
      receivedOn: payload.receivedOn,
    });
    for (const listener of this.listeners) await listener(request, actor);
  }
}
