import { Injectable } from '@nestjs/common';
import { updateVersioned } from '../common/persistence/versioned-update.js';
import { TransactionService } from '../database/transaction.service.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { RequestPackage } from './request-package.entity.js';

/** The only queries on `request_packages`. */
@Injectable()
export class RequestPackageRepository {
  constructor(private readonly tx: TransactionService) {}

  private get repo() {
    return this.tx.manager.getRepository(RequestPackage);
  }

  findById(id: string): Promise<RequestPackage | null> {
    return this.repo.findOneBy({ id });
  }

  findByTokenHash(tokenHash: string): Promise<RequestPackage | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  /** A request's packages, newest first, without their (large) contents. */
  listForRequest(requestId: string): Promise<RequestPackage[]> {
    return this.repo.find({
      where: { requestId },
      order: { createdAt: 'DESC' },
      select: {
        id: true,
        requestId: true,
        purpose: true,
        createdBy: true,
        createdAt: true,
        sentAt: true,
        expiresAt: true,
        maxDownloads: true,
        downloadCount: true,
        version: true,
      },
    });
  }

  async hasSent(requestId: string, purpose: string): Promise<boolean> {
    const count = await this.repo
      .createQueryBuilder('p')
      .where('p.requestId = :requestId AND p.purpose = :purpose AND p.sentAt IS NOT NULL', {
        requestId,
        purpose,
      })
      .getCount();
    return count > 0;
  }

  async deleteDrafts(requestId: string, purpose: string): Promise<void> {
    await this.repo
      .createQueryBuilder()
      .delete()
      .where('request_id = :requestId AND purpose = :purpose AND sent_at IS NULL', {
        requestId,
        purpose,
      })
      .execute();
  }

  async insert(pkg: RequestPackage): Promise<void> {
    await this.repo.insert(pkg);
  }

  saveVersioned(pkg: RequestPackage): Promise<boolean> {
    return updateVersioned(this.repo, pkg);
  }

  /**
   * Counts one download, only while the link is live: one conditional UPDATE, so two downloads
   * at once can never both take the last one. False when expired or used up.
   */
  async countDownload(id: string, now: Date): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(RequestPackage)
      .set({ downloadCount: () => 'download_count + 1', version: () => 'version + 1' })
      .where('id = :id AND download_count < max_downloads AND expires_at > :now', { id, now })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  findRequest(id: string): Promise<PrivacyRequest | null> {
    return this.tx.manager.getRepository(PrivacyRequest).findOneBy({ id });
  }
}
