import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PACKAGE_PURPOSES } from './request-package.entity.js';
import type { PackagePurpose, RequestPackage } from './request-package.entity.js';

/** A package's status for staff: never its token, nor (here) its contents. */
export class RequestPackageDto {
  @ApiProperty() id: string;
  @ApiProperty() requestId: string;
  @ApiProperty({ enum: PACKAGE_PURPOSES }) purpose: PackagePurpose;
  @ApiPropertyOptional({ nullable: true }) createdBy: string | null;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true }) sentAt: string | null;
  @ApiPropertyOptional({ nullable: true }) expiresAt: string | null;
  @ApiProperty() maxDownloads: number;
  @ApiProperty() downloadCount: number;
  @ApiProperty({ description: 'sent, the link still works' }) linkLive: boolean;

  static from(pkg: RequestPackage, now: Date): RequestPackageDto {
    return {
      id: pkg.id,
      requestId: pkg.requestId,
      purpose: pkg.purpose,
      createdBy: pkg.createdBy,
      createdAt: pkg.createdAt.toISOString(),
      sentAt: pkg.sentAt?.toISOString() ?? null,
      expiresAt: pkg.expiresAt?.toISOString() ?? null,
      maxDownloads: pkg.maxDownloads,
      downloadCount: pkg.downloadCount,
      linkLive:
        !!pkg.sentAt &&
        !!pkg.expiresAt &&
        pkg.expiresAt.getTime() > now.getTime() &&
        pkg.downloadCount < pkg.maxDownloads,
    };
  }
}
