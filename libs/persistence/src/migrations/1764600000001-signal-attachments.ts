import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files a department attaches to a signal as evidence of its answer (情况说明/整改), ADR 13. The
 * bytes live in the row (bytea), so a file, its signal and its audit entry are committed together
 * and backed up together. Already-compressed formats (PDF, PNG, JPEG, DOCX, XLSX) are stored out of
 * line without another compression attempt (`STORAGE EXTERNAL`).
 */
export class SignalAttachments1764600000001 implements MigrationInterface {
  name = 'SignalAttachments1764600000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE signal_attachments (
        id              bigserial PRIMARY KEY,
        alert_key       text NOT NULL REFERENCES signals (alert_key),
        filename        text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        kind            text NOT NULL CHECK (kind IN ('pdf', 'png', 'jpeg', 'docx', 'xlsx', 'text')),
        content_type    text NOT NULL,
        size_bytes      integer NOT NULL CHECK (size_bytes > 0),
        sha256          text NOT NULL,
        content         bytea NOT NULL,
        uploaded_by_id  uuid,
        uploaded_by     text NOT NULL,
        uploaded_role   text NOT NULL,
        address         text,
        uploaded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`ALTER TABLE signal_attachments ALTER COLUMN content SET STORAGE EXTERNAL`);
    await db.query(`CREATE INDEX signal_attachments_signal ON signal_attachments (alert_key, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS signal_attachments`);
  }
}
