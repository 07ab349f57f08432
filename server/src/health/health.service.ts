import { Injectable } from '@nestjs/common';
import { TransactionService } from '../database/transaction.service.js';
import type { HealthDto } from './health.controller.js';

@Injectable()
export class HealthService {
  constructor(private readonly tx: TransactionService) {}

  async check(): Promise<HealthDto> {
    const databaseType = this.tx.isPostgres ? 'postgres' : 'sqlite';
    try {
      await this.tx.manager.query('SELECT 1');
      return { status: 'ok', database: 'up', databaseType };
    } catch {
      return { status: 'error', database: 'down', databaseType };
    }
  }
}
