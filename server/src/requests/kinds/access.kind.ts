import { Injectable } from '@nestjs/common';
import { ACCESS_FORMAT_LABELS, ACCESS_FORMATS } from '@privacy-desk/shared';
import { IsIn } from 'class-validator';
import { RequestPackagesService } from '../../request-packages/request-packages.service.js';
import { RequestKindHandler } from './request-kind.js';
import type { KindContext, PayloadRules } from './request-kind.js';
import { oneOf } from '../../common/errors/messages.js';

class AccessPayloadDto {
  @IsIn(ACCESS_FORMATS, oneOf(ACCESS_FORMATS, ACCESS_FORMAT_LABELS))
  format: string;
}

export const accessPayload: PayloadRules = { dto: AccessPayloadDto };

/**
 * "You may review … your User Information" (the policy). Staff assemble and send the package
 * (server/src/requests/access/): sending keeps it with the request, mails the download link
 * and completes the request in one transaction.
 */
@Injectable()
export class AccessKind extends RequestKindHandler {
  readonly kind = 'access' as const;

  constructor(private readonly packages: RequestPackagesService) {
    super();
  }

  override async completionBlockers({ request }: KindContext): Promise<string[]> {
    return (await this.packages.hasSent(request.id, 'access'))
      ? []
      : ['send the access package first (Preview, then Send on the request page)'];
  }

  /** The `package_ready` mail with the download link, sent with the package, is the letter. */
  override async completionLetter(): Promise<void> {}
}
