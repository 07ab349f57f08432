import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { findPage, findRawPage } from '../common/list/apply-list-query.js';
import type { ListQuery, Page } from '../common/list/list-query.js';
import { findRowsWhereIn } from '../common/persistence/plain-reads.js';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { LegalProcess } from '../legal-process/legal-process.entity.js';
import { User } from '../users/user.entity.js';
import { DisclosureSubject } from './disclosure-subject.entity.js';
import { Disclosure } from './disclosure.entity.js';

/** List filters that are not columns of `disclosures` (answered through other tables). */
export interface DisclosureListExtras {
  subjectIds?: string[];
  /** true: only disclosures under a gag order in force on `today`; false: only the others. */
  gag?: { inForce: boolean; today: string };
}

/** One disclosure as the CSV export reads it: its own columns and what it shows of others. */
export interface DisclosureExportRow extends Record<string, unknown> {
  id: string;
  reference: string;
  disclosedAt: Date | string;
  recipientName: string;
  recipientType: string;
  basis: string;
  purpose: string;
  dataCategories: string;
  aggregated: boolean | number;
  reviewStatus: string;
  createdAt: Date | string;
  subjectCount: number | string;
  legalProcessReference: string | null;
  gagOrder: boolean | number | null;
  gagUntil: string | null;
  amendsReference: string | null;
  recordedByName: string | null;
}

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

  /** Saves the changes if nobody changed the row since it was read; false when stale. */
  updateVersioned(disclosure: Disclosure): Promise<boolean> {
    return updateVersioned(this.repo, disclosure);
  }

  async replaceSubjects(disclosureId: string, subjects: DisclosureSubject[]): Promise<void> {
    await this.links.delete({ disclosureId });
    if (subjects.length) await this.links.insert(subjects);
  }

  findById(id: string): Promise<Disclosure | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<Disclosure[]> {
    return findRowsWhereIn(this.tx.manager, Disclosure, 'id', ids);
  }

  findByLegalProcess(legalProcessId: string): Promise<Disclosure[]> {
    return this.repo.find({ where: { legalProcessId }, order: { disclosedAt: 'ASC' } });
  }

  /** The records that amend this one. */
  findAmending(id: string): Promise<Disclosure[]> {
    return this.repo.find({ where: { amendsId: id }, order: { createdAt: 'ASC' } });
  }

  /** Ids among these that an APPROVED amendment corrects (superseded in the log of record). */
  async supersededAmong(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.repo.find({
      select: { id: true, amendsId: true },
      where: { amendsId: In(ids), reviewStatus: 'approved' },
    });
    return new Set(rows.map((r) => r.amendsId!));
  }

  findPendingReview(): Promise<Disclosure[]> {
    return this.repo.find({
      where: { reviewStatus: 'pending_review' },
      order: { updatedAt: 'ASC' },
    });
  }

  subjectsOf(disclosureIds: string[]): Promise<DisclosureSubject[]> {
    return findRowsWhereIn(this.tx.manager, DisclosureSubject, 'disclosureId', disclosureIds);
  }

  /** A subject's disclosures disclosed in [from, to), oldest first. */
  findForSubject(subjectId: string, from: Date, to: Date): Promise<Disclosure[]> {
    return this.repo
      .createQueryBuilder('disclosure')
      .innerJoin(
        DisclosureSubject,
        'link',
        'link.disclosureId = disclosure.id AND link.subjectId = :subjectId',
        { subjectId },
      )
      .where('disclosure.disclosedAt >= :from AND disclosure.disclosedAt < :to', { from, to })
      .orderBy('disclosure.disclosedAt', 'ASC')
      .addOrderBy('disclosure.reference', 'ASC')
      .getMany();
  }

  findPage(query: ListQuery, extras: DisclosureListExtras = {}): Promise<Page<Disclosure>> {
    return findPage(this.filtered(extras), query);
  }

  /**
   * A batch of the CSV export: the list's filters, order and keyset, with the export's columns
   * read by one statement (the legal process, the amended record and the recorder joined, the
   * subjects counted) instead of whole entities and six look-ups per batch.
   */
  findExportPage(
    query: ListQuery,
    extras: DisclosureListExtras = {},
  ): Promise<Page<DisclosureExportRow>> {
    const qb = this.filtered(extras)
      .select('disclosure.id', 'id')
      .leftJoin(LegalProcess, 'lp', 'lp.id = disclosure.legalProcessId')
      .leftJoin(Disclosure, 'amended', 'amended.id = disclosure.amendsId')
      .leftJoin(User, 'recorder', 'recorder.id = disclosure.recordedById');
    for (const column of [
      'reference',
      'disclosedAt',
      'recipientName',
      'recipientType',
      'basis',
      'purpose',
      'dataCategories',
      'aggregated',
      'reviewStatus',
      'createdAt',
      'updatedAt',
    ]) {
      qb.addSelect(`disclosure.${column}`, column);
    }
    qb.addSelect(
      '(SELECT COUNT(*) FROM disclosure_subjects ds WHERE ds.disclosure_id = disclosure.id)',
      'subjectCount',
    )
      .addSelect('lp.reference', 'legalProcessReference')
      .addSelect('lp.gagOrder', 'gagOrder')
      .addSelect('lp.gagUntil', 'gagUntil')
      .addSelect('amended.reference', 'amendsReference')
      .addSelect('recorder.name', 'recordedByName');
    return findRawPage<DisclosureExportRow>(qb, query, {
      sortKey: query.sort.column,
      idKey: 'id',
    });
  }

  private filtered(extras: DisclosureListExtras) {
    const qb = this.repo.createQueryBuilder('disclosure');
    if (extras.subjectIds?.length) {
      qb.andWhere(
        `disclosure.id IN (SELECT ds.disclosure_id FROM disclosure_subjects ds WHERE ds.subject_id IN (:...subjectIds))`,
        { subjectIds: extras.subjectIds },
      );
    }
    if (extras.gag) {
      const gagged = `disclosure.legalProcessId IN (SELECT lp.id FROM legal_processes lp WHERE lp.gag_order = :gagYes AND (lp.gag_until IS NULL OR lp.gag_until >= :gagToday))`;
      qb.andWhere(
        extras.gag.inForce ? gagged : `(disclosure.legalProcessId IS NULL OR NOT (${gagged}))`,
        { gagYes: true, gagToday: extras.gag.today },
      );
    }
    return qb;
  }
}
