import { Injectable } from '@nestjs/common';
import type { RecordPrefix } from '@privacy-desk/shared';
import { formatRecordReference } from '@privacy-desk/shared';
import { TransactionService } from '../../database/transaction.service.js';

/**
 * Hands out `PREFIX-YYYY-NNNNNN` references, one counter per prefix and year, taken under the
 * counter row's lock inside the caller's transaction (so a rolled-back write gives its number
 * back and numbering has no gaps).
 */
@Injectable()
export class ReferenceNumbers {
  constructor(private readonly tx: TransactionService) {}

  async next(prefix: RecordPrefix, year: number): Promise<string> {
    const rows: { last_number: number }[] = await this.tx.manager.query(
      this.tx.isPostgres
        ? 'INSERT INTO reference_counters (prefix, year, last_number) VALUES ($1, $2, 1) ON CONFLICT (prefix, year) DO UPDATE SET last_number = reference_counters.last_number + 1 RETURNING last_number'
        : 'INSERT INTO reference_counters (prefix, year, last_number) VALUES (?, ?, 1) ON CONFLICT (prefix, year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number',
      [prefix, year],
    );
    return formatRecordReference(prefix, year, Number(rows[0]!.last_number));
  }
}
