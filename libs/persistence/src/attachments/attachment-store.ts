import type { Actor } from '@app/contracts';
import type { SignalRecord } from '../signals/signal-record';

/** A file a department attached to a signal (情况说明/整改 evidence), without its bytes. */
export interface AttachmentRecord {
  id: number;
  alertKey: string;
  /** The name it was uploaded under, cleaned of any path and control characters. */
  filename: string;
  /** The type its content was recognised as (content sniffing), never the one the client claimed. */
  kind: string;
  contentType: string;
  size: number;
  /** Hex SHA-256 of the content, for the audit. */
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface NewAttachment {
  filename: string;
  kind: string;
  contentType: string;
  content: Buffer;
  sha256: string;
}

/**
 * Decides, with the signal locked, whether the upload may go on: throws to refuse (nothing is
 * stored), or answers the signal as it stands.
 */
export type AttachCheck = (signal: SignalRecord | null) => SignalRecord;

/** Port: the files attached to signals. */
export abstract class AttachmentStore {
  /**
   * One transaction: locks the signal, asks `check`, stores the file and the signal's audit entry
   * (`signal_transitions`, action `attach`, status unchanged).
   */
  abstract attach(
    alertKey: string,
    file: NewAttachment,
    actor: Actor,
    at: string,
    check: AttachCheck,
  ): Promise<AttachmentRecord>;
  /** The signal's attachments, oldest first, without their bytes. */
  abstract list(alertKey: string): Promise<AttachmentRecord[]>;
  /** One attachment of the signal with its bytes; null when the signal has no such attachment. */
  abstract content(
    alertKey: string,
    id: number,
  ): Promise<{ record: AttachmentRecord; content: Buffer } | null>;
}
