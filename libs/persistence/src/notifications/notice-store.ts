import type { Actor, NoticeKind, NoticeView } from '@app/contracts';

/** A notice as it is stored: what the API shows of it less what it derives, with its PDF's hash. */
export interface StoredNotice extends Omit<NoticeView, 'numberText' | 'downloadUrl'> {
  sha256: string;
}

export interface NewNotice {
  kind: NoticeKind;
  alertKey: string;
  caseId: string;
  departmentId: string;
  issuedAt: string;
  responseDueAt: string | null;
}

/**
 * Port: printed notices (督办通知书, 监察建议书). `issue` takes the next number of the issue's year
 * (〔2026〕第 N 号: sequential, no gaps, never reused), has the PDF rendered with it, and stores
 * both with the operator audit entry in one transaction; a download is audited too.
 */
export abstract class NoticeStore {
  abstract issue(
    notice: NewNotice,
    render: (number: { year: number; number: number }) => Promise<Buffer>,
    actor: Actor,
  ): Promise<StoredNotice>;
  abstract forSignal(alertKey: string): Promise<StoredNotice[]>;
  abstract find(id: string): Promise<StoredNotice | null>;
  /** The PDF, with the download recorded in the operator audit. */
  abstract download(id: string, actor: Actor): Promise<Buffer | null>;
}
