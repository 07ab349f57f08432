import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionService } from '../database/transaction.service.js';
import { DisclosureSubject } from './disclosure-subject.entity.js';
import { Disclosure } from './disclosure.entity.js';

/** The only code that reads and writes the `disclosures` and `disclosure_subjects` tables. */
@Injectable()
export class DisclosureRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(Disclosure);
  }

  private get links() {
    return this.tx.manager.getRepository(DisclosureSubject);
  }

  /** Inserts a disclosure and the subjects it carried; call inside `TransactionService.run`. */
  async insert(disclosure: Disclosure, subjects: DisclosureSubject[]): Promise<Disclosure> {
    const saved = await this.repo.save(disclosure);
    if (subjects.length) await this.links.insert(subjects);
    return saved;
  }

  findById(id: string): Promise<Disclosure | null> {
    return this.repo.findOneBy({ id });
  }

  findByLegalProcess(legalProcessId: string): Promise<Disclosure[]> {
    return this.repo.find({ where: { legalProcessId }, order: { disclosedAt: 'ASC' } });
  }

  subjectsOf(disclosureIds: string[]): Promise<DisclosureSubject[]> {
    return disclosureIds.length
      ? this.links.findBy({ disclosureId: In(disclosureIds) })
      : Promise.resolve([]);
  }
}
