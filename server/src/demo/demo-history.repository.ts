import { Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';

/** The one write the demo's history needs beyond the services: when a closed request closed. */
@Injectable()
export class DemoHistoryRepository {
  constructor(private readonly tx: TransactionService) {}

  /** Dates a demo request's closing back to `closedAt` (the services close it "now"). */
  async backdateClosing(id: string, closedAt: Date): Promise<void> {
    await this.tx.manager
      .getRepository(PrivacyRequest)
      .update({ id }, { closedAt, updatedAt: closedAt });
  }
}
