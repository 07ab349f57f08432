import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QueueAndMail1795978331789 implements MigrationInterface {
  name = 'QueueAndMail1795978331789';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "privacy_requests" ADD "assignment_kind" character varying(16)',
    );
    await queryRunner.query('ALTER TABLE "request_events" ADD "mail_id" character varying(36)');
    await queryRunner.query('ALTER TABLE "request_events" ADD "mail_status" character varying(16)');
    await queryRunner.query(
      'CREATE INDEX "IDX_request_events_mail_id" ON "request_events"  ("mail_id") ',
    );
    // Requests held today: by a manager's assignment if the latest claim-or-assign event was
    // an assignment (no lease from now on), else by a claim (keeps its lease).
    await queryRunner.query(
      `UPDATE "privacy_requests" SET "assignment_kind" = CASE WHEN (SELECT e."type" FROM "request_events" e WHERE e."request_id" = "privacy_requests"."id" AND e."type" IN ('claimed', 'assigned') ORDER BY e."id" DESC LIMIT 1) = 'assigned' THEN 'assignment' ELSE 'claim' END WHERE "assignee_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "privacy_requests" SET "lease_expires_at" = NULL WHERE "assignment_kind" = 'assignment'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_request_events_mail_id"');
    await queryRunner.query('ALTER TABLE "request_events" DROP COLUMN "mail_status"');
    await queryRunner.query('ALTER TABLE "request_events" DROP COLUMN "mail_id"');
    await queryRunner.query('ALTER TABLE "privacy_requests" DROP COLUMN "assignment_kind"');
  }
}
