import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock/clock.js';
import { randomToken, sha256Hex } from '../common/crypto/secrets.js';
import { conflict, notFound } from '../common/errors/domain-errors.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { DOWNLOAD_LINK_MASK, MailService } from '../mail/mail.service.js';
import { formatMailInstant } from '../mail/templates.js';
import type { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { mailEventSummary, RequestEvents } from '../requests/request-events.js';
import type { PackageFormat, PackagePurpose } from './request-package.entity.js';
import { RequestPackage } from './request-package.entity.js';
import { RequestPackageRepository } from './request-package.repository.js';

export interface PackageContent {
  purpose: PackagePurpose;
  /** The package as data (serialised as it is given). */
  json: unknown;
  html: string;
  pdf: Buffer;
}

/** What the package is, in the mail and on the landing page ("… is ready"). */
export const PACKAGE_TITLES: Record<PackagePurpose, string> = {
  access: 'a copy of your personal information',
  disclosure_report: 'your report of disclosures',
};

/** Who downloads: whoever holds the link (the requester, we trust, but not known). */
const LINK_ACTOR: Actor = { type: 'system', id: null, label: 'package download link' };

export type DownloadOutcome =
  | {
      outcome: 'ok';
      pkg: RequestPackage;
      reference: string;
      format: PackageFormat;
      body: Buffer | string;
    }
  | { outcome: 'landing'; pkg: RequestPackage; reference: string; remaining: number }
  | { outcome: 'expired' | 'used_up' | 'unknown' };

export const FILE_TYPES: Record<PackageFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * A request's delivered answer: kept with the request (JSON, HTML letter, PDF), mailed as a
 * download link to the requester's verified email. The link's token is stored as its SHA-256
 * only; it expires and works a limited number of times, and every download is audited.
 * Other features (the access kind, the disclosure report) call `store` and `send` inside their
 * own transaction.
 */
@Injectable()
export class RequestPackagesService {
  constructor(
    private readonly packages: RequestPackageRepository,
    private readonly mail: MailService,
    private readonly events: RequestEvents,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Keeps a copy of the package with the request, replacing any unsent draft of the same
   * purpose. Runs in the caller's transaction (or its own).
   */
  async store(
    actor: Actor,
    request: PrivacyRequest,
    content: PackageContent,
  ): Promise<RequestPackage> {
    return this.tx.run(async () => {
      await this.packages.deleteDrafts(request.id, content.purpose);
      const pkg = Object.assign(new RequestPackage(), {
        id: randomUUID(),
        requestId: request.id,
        purpose: content.purpose,
        json: JSON.stringify(content.json, null, 2),
        html: content.html,
        pdf: content.pdf,
        createdBy: actor.id,
        createdAt: this.clock.now(),
        sentAt: null,
        tokenHash: null,
        expiresAt: null,
        maxDownloads: 0,
        downloadCount: 0,
        version: 1,
      });
      await this.packages.insert(pkg);
      return pkg;
    });
  }

  /**
   * Sends a stored package: a new download token (its hash kept), the `package_ready` mail to
   * the request's (verified) email with the link sealed, a timeline line, an audit entry.
   * 409 if it was sent already. Runs in the caller's transaction (or its own).
   */
  async send(actor: Actor, request: PrivacyRequest, packageId: string): Promise<RequestPackage> {
    return this.tx.run(async () => {
      const pkg = await this.packages.findById(packageId);
      if (!pkg || pkg.requestId !== request.id) throw notFound('Package');
      if (pkg.sentAt) throw conflict('This package was sent already', 'package_already_sent');
      const now = this.clock.now();
      const token = randomToken();
      pkg.tokenHash = sha256Hex(token);
      pkg.sentAt = now;
      pkg.expiresAt = new Date(
        now.getTime() + this.config.env.PACKAGE_LINK_EXPIRY_MINUTES * 60_000,
      );
      pkg.maxDownloads = this.config.env.PACKAGE_LINK_MAX_DOWNLOADS;
      if (!(await this.packages.saveVersioned(pkg)))
        throw conflict('This package was changed by someone else; reload and try again', 'stale');
      const message = await this.mail.queue({
        to: request.requesterEmail,
        template: 'package_ready',
        data: {
          reference: request.reference,
          title: PACKAGE_TITLES[pkg.purpose],
          downloadUrl: DOWNLOAD_LINK_MASK,
          expiresAt: pkg.expiresAt.toISOString(),
          maxDownloads: pkg.maxDownloads,
        },
        requestId: request.id,
        actor,
        secretLink: this.mail.publicUrl(`/api/public/packages/${token}`),
      });
      await this.events.record(
        actor,
        request,
        'email_sent',
        mailEventSummary('package_ready', message.status),
        { mail: { id: message.id, status: message.status } },
      );
      await this.events.record(
        actor,
        request,
        'package_sent',
        `Package sent (${pkg.purpose.replace('_', ' ')}): the link works until ${formatMailInstant(pkg.expiresAt)}, for ${pkg.maxDownloads} downloads`,
      );
      await this.audit.record(actor, {
        action: 'request_package.sent',
        entityType: 'request_package',
        entityId: pkg.id,
        summary: `${request.reference}: ${pkg.purpose.replace('_', ' ')} package ${pkg.id} sent`,
      });
      return pkg;
    });
  }

  /** Store and send in one go (the usual path). */
  async storeAndSend(actor: Actor, request: PrivacyRequest, content: PackageContent) {
    return this.tx.run(async () => {
      const pkg = await this.store(actor, request, content);
      return this.send(actor, request, pkg.id);
    });
  }

  async hasSent(requestId: string, purpose: PackagePurpose): Promise<boolean> {
    return this.packages.hasSent(requestId, purpose);
  }

  /** A request's packages, newest first, without contents. */
  listForRequest(requestId: string): Promise<RequestPackage[]> {
    return this.packages.listForRequest(requestId);
  }

  /** One package with its contents, for staff (a sent copy or a draft). */
  async get(id: string): Promise<RequestPackage> {
    const pkg = await this.packages.findById(id);
    if (!pkg) throw notFound('Package');
    return pkg;
  }

  /**
   * The public link. Without a format: the landing page (not counted). With one: the file,
   * counted and audited, while the link is live. Expired or used up: refused (410); unknown: 404.
   */
  async download(token: string, format?: PackageFormat): Promise<DownloadOutcome> {
    if (!/^[A-Za-z0-9_-]{16,200}$/.test(token)) return { outcome: 'unknown' };
    const now = this.clock.now();
    return this.tx.run(async () => {
      const pkg = await this.packages.findByTokenHash(sha256Hex(token));
      if (!pkg || !pkg.sentAt || !pkg.expiresAt) return { outcome: 'unknown' };
      if (pkg.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
      if (pkg.downloadCount >= pkg.maxDownloads) return { outcome: 'used_up' };
      const reference = (await this.packages.findRequest(pkg.requestId))?.reference ?? '';
      if (!format)
        return {
          outcome: 'landing',
          pkg,
          reference,
          remaining: pkg.maxDownloads - pkg.downloadCount,
        };
      if (!(await this.packages.countDownload(pkg.id, now))) {
        const fresh = await this.packages.findById(pkg.id);
        return {
          outcome: fresh && fresh.downloadCount >= fresh.maxDownloads ? 'used_up' : 'expired',
        };
      }
      const count = pkg.downloadCount + 1;
      const summary = `${reference}: ${pkg.purpose.replace('_', ' ')} package downloaded as ${format} (${count} of ${pkg.maxDownloads})`;
      await this.audit.record(LINK_ACTOR, {
        action: 'request_package.downloaded',
        entityType: 'request_package',
        entityId: pkg.id,
        summary,
      });
      await this.events.record(LINK_ACTOR, { id: pkg.requestId }, 'package_downloaded', summary);
      const body = format === 'pdf' ? pkg.pdf : format === 'html' ? pkg.html : pkg.json;
      return { outcome: 'ok', pkg, reference, format, body };
    });
  }
}
