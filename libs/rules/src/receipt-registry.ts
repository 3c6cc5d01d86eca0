/** A payment that used a receipt number (票据号). */
export interface ReceiptUse {
  readonly eventId: string;
  readonly caseId: string;
  readonly occurredAtMs: number;
}

/**
 * Receipt numbers of payments (fees and fines, every case), for FEE_DUPLICATE_RECEIPT. Recording
 * is idempotent: a number keeps its earliest use (in event time; on a tie, the first recorded).
 */
export interface ReceiptRegistry {
  firstUse(receiptNo: string): ReceiptUse | undefined;
  record(receiptNo: string, use: ReceiptUse): void;
}

export class InMemoryReceiptRegistry implements ReceiptRegistry {
  private readonly uses = new Map<string, ReceiptUse>();

  firstUse(receiptNo: string): ReceiptUse | undefined {
    return this.uses.get(receiptNo);
  }

  record(receiptNo: string, use: ReceiptUse): void {
    const known = this.uses.get(receiptNo);
    if (known === undefined || use.occurredAtMs < known.occurredAtMs) this.uses.set(receiptNo, use);
  }

  get size(): number {
    return this.uses.size;
  }
}
