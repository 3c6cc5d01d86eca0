import type { Actor } from '@app/contracts';
import { DataSource } from 'typeorm';
import { rowFields } from '../signals/row-fields';
import { SIGNAL_RECORD_COLUMNS, SignalRecordRow, signalRecordFromRow } from '../signals/signal-rows';
import { insertTransitions } from '../signals/signal-writes';
import { firstRow, readRows } from '../signals/sql';
import { AttachCheck, AttachmentRecord, AttachmentStore, NewAttachment } from './attachment-store';

interface AttachmentRow {
  id: string;
  alert_key: string;
  filename: string;
  kind: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const COLUMNS = `id, alert_key, filename, kind, content_type, size_bytes, sha256, uploaded_by, uploaded_at`;

function recordOf(row: AttachmentRow): AttachmentRecord {
  return {
    id: Number(row.id),
    ...rowFields(row, ['alert_key', 'filename', 'kind', 'content_type']),
    size: row.size_bytes,
    ...rowFields(row, ['sha256', 'uploaded_by', 'uploaded_at']),
  };
}

/**
 * PostgreSQL adapter: the bytes in `signal_attachments.content` (bytea, ADR 13). An upload, the
 * lock of its signal and its audit entry are one transaction, with the same SQL as the signal
 * store's `recordTransitions` (`insertTransitions`).
 */
export class PgAttachmentStore extends AttachmentStore {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  attach(
    alertKey: string,
    file: NewAttachment,
    actor: Actor,
    at: string,
    check: AttachCheck,
  ): Promise<AttachmentRecord> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await firstRow<SignalRecordRow>(
        manager,
        `SELECT ${SIGNAL_RECORD_COLUMNS} FROM signals WHERE alert_key = $1 FOR UPDATE`,
        [alertKey],
      );
      const signal = check(locked ? signalRecordFromRow(locked) : null);
      const inserted = await firstRow<AttachmentRow>(
        manager,
        `INSERT INTO signal_attachments (alert_key, filename, kind, content_type, size_bytes, sha256, content,
                                         uploaded_by_id, uploaded_by, uploaded_role, address, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING ${COLUMNS}`,
        [
          alertKey,
          file.filename,
          file.kind,
          file.contentType,
          file.content.length,
          file.sha256,
          file.content,
          actor.userId,
          actor.username,
          actor.role,
          actor.address,
          at,
        ],
      );
      if (!inserted) throw new Error(`attachment of ${alertKey} was not stored`);
      const record = recordOf(inserted);
      await insertTransitions(manager, [
        {
          alertKey,
          action: 'attach',
          fromStatus: signal.status,
          toStatus: signal.status,
          actor,
          at,
          text: record.filename,
          details: {
            attachmentId: record.id,
            filename: record.filename,
            kind: record.kind,
            size: record.size,
            sha256: record.sha256,
          },
        },
      ]);
      return record;
    });
  }

  async list(alertKey: string): Promise<AttachmentRecord[]> {
    return readRows(
      this.dataSource,
      recordOf,
      `SELECT ${COLUMNS} FROM signal_attachments WHERE alert_key = $1 ORDER BY id`,
      [alertKey],
    );
  }

  async content(alertKey: string, id: number): Promise<{ record: AttachmentRecord; content: Buffer } | null> {
    const row = await firstRow<AttachmentRow & { content: Buffer }>(
      this.dataSource,
      `SELECT ${COLUMNS}, content FROM signal_attachments WHERE alert_key = $1 AND id = $2`,
      [alertKey, id],
    );
    return row ? { record: recordOf(row), content: row.content } : null;
  }
}
