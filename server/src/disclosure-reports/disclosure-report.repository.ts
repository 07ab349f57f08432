import { Injectable } from '@nestjs/common';
import { In, LessThan } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { RequestEvent } from '../requests/request-event.entity.js';

/** The only queries of this feature: disclosure reports already sent, and their timelines. */
@Injectable()
export class DisclosureReportRepository {
  constructor(private readonly tx: TransactionService) {}

  /**
   * Completed (sent: sending is what completes one) disclosure reports of these subjects,
   * closed before an instant, oldest first.
   */
  sentReportsOf(subjectIds: string[], closedBefore: Date): Promise<PrivacyRequest[]> {
    if (!subjectIds.length) return Promise.resolve([]);
    return this.tx.manager.getRepository(PrivacyRequest).find({
      where: {
        kind: 'disclosure_report',
        status: 'completed',
        subjectId: In(subjectIds),
        closedAt: LessThan(closedBefore),
      },
      order: { closedAt: 'ASC' },
    });
  }

  /** A report's "incomplete" lines, oldest first. */
  async incompleteNotes(requestId: string): Promise<string[]> {
    const rows = await this.tx.manager.getRepository(RequestEvent).find({
      where: { requestId, type: 'report_incomplete' },
      order: { id: 'ASC' },
    });
    return rows.map((e) => e.summary);
  }
}
