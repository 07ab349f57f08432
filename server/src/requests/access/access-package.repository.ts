import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionService } from '../../database/transaction.service.js';
import { PrivacyRequest } from '../privacy-request.entity.js';
import { RequestEvent } from '../request-event.entity.js';

/** The queries an access package needs on requests and their timelines. */
@Injectable()
export class AccessPackageRepository {
  constructor(private readonly tx: TransactionService) {}

  /** Requests linked to the subject, or made from the subject's email, oldest first. */
  requestsOf(subjectId: string, email: string): Promise<PrivacyRequest[]> {
    return this.tx.manager.getRepository(PrivacyRequest).find({
      where: [{ subjectId }, { requesterEmail: email }],
      order: { receivedAt: 'ASC', reference: 'ASC' },
    });
  }

  /** The timelines of these requests, oldest line first. */
  timelines(requestIds: string[]): Promise<RequestEvent[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.tx.manager
      .getRepository(RequestEvent)
      .find({ where: { requestId: In(requestIds) }, order: { id: 'ASC' } });
  }
}
