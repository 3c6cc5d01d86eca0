import type { Signal } from '@app/contracts';
import type { NewTransition, SignalRecord } from '../signals/signal-record';
import {
  AcceptedEvent,
  CaseSummary,
  DeadLetter,
  EscalationLink,
  IngestStore,
  IngestTransaction,
  NewSignal,
  OutboxEntry,
  PeerDecisionRow,
  ReceiptUseRow,
  SignalCorrection,
  SignalRetraction,
  StoredEvent,
  StoredSignal,
} from './ingest-store';

interface SignalRow {
  signal: Signal;
  status: 'open' | 'retracted';
  reason?: string;
  ruleFamily: string | null;
  responseDueAt: string | null;
  escalatedTo: string | null;
}

interface Tables {
  events: Map<string, StoredEvent & { coordinates: string }>;
  deadLetters: Map<string, DeadLetter>;
  cases: Map<string, CaseSummary>;
  signals: Map<string, SignalRow>;
  outbox: OutboxEntry[];
  transitions: NewTransition[];
  seq: number;
}

/**
 * The pipeline store in memory, with the same transaction and idempotency semantics as the
 * PostgreSQL adapter: a failing transaction leaves nothing behind. For unit tests and offline tools.
 */
export class InMemoryIngestStore extends IngestStore {
  tables: Tables = {
    events: new Map(),
    deadLetters: new Map(),
    cases: new Map(),
    signals: new Map(),
    outbox: [],
    transitions: [],
    seq: 0,
  };
  /** Makes the next transactions fail, as an unreachable database would. */
  failNext = 0;

  async transaction<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    }
    const draft: Tables = {
      events: new Map(this.tables.events),
      deadLetters: new Map(this.tables.deadLetters),
      cases: new Map(this.tables.cases),
      signals: new Map([...this.tables.signals].map(([k, v]) => [k, { ...v }])),
      outbox: [...this.tables.outbox],
      transitions: [...this.tables.transitions],
      seq: this.tables.seq,
    };
    const result = await work(new InMemoryTransaction(draft));
    this.tables = draft;
    return result;
  }

  pendingDeadlines(partitions: number[]) {
    return Promise.resolve(
      [...this.tables.cases.values()]
        .filter((c) => c.nextDueAt !== null && partitions.includes(c.partition))
        .map((c) => ({ caseId: c.caseId, dueAt: Date.parse(c.nextDueAt as string), partition: c.partition })),
    );
  }

  signal(alertKey: string): SignalRow | undefined {
    return this.tables.signals.get(alertKey);
  }
}

class InMemoryTransaction implements IngestTransaction {
  constructor(private readonly t: Tables) {}

  insertDeadLetters(deadLetters: DeadLetter[]) {
    let inserted = 0;
    for (const d of deadLetters) {
      const key = `${d.topic}/${d.partition}/${d.offset}`;
      if (this.t.deadLetters.has(key)) continue;
      this.t.deadLetters.set(key, d);
      inserted += 1;
    }
    return Promise.resolve(inserted);
  }

  insertAuditEvents(events: AcceptedEvent[]) {
    const inserted = new Set<string>();
    for (const e of events) {
      if (this.t.events.has(e.event.eventId)) continue;
      this.t.seq += 1;
      this.t.events.set(e.event.eventId, {
        event: e.event,
        seq: this.t.seq,
        partition: e.partition,
        coordinates: `${e.topic}/${e.partition}/${e.offset}`,
      });
      inserted.add(e.event.eventId);
    }
    return Promise.resolve(inserted);
  }

  lockCrossCaseKeys(_keys: string[]) {
    // one transaction at a time: nothing runs beside it
    return Promise.resolve();
  }

  crossCaseDependents(eventIds: string[], window: number) {
    const ordered = this.ordered();
    const dependents = new Set<string>();
    for (const eventId of eventIds) {
      const index = ordered.findIndex((stored) => stored.event.eventId === eventId);
      const fresh = ordered[index]?.event;
      if (!fresh) continue;
      let peersAfter = 0;
      for (const { event: later } of ordered.slice(index + 1)) {
        const paid = (type: string) => type === 'fee.paid' || type === 'penalty.paid';
        if (
          paid(fresh.type) &&
          paid(later.type) &&
          'receiptNo' in later.payload &&
          'receiptNo' in fresh.payload &&
          later.payload.receiptNo === fresh.payload.receiptNo &&
          later.caseId !== fresh.caseId
        )
          dependents.add(later.caseId);
        if (
          fresh.type === 'penalty.decided' &&
          later.type === 'penalty.decided' &&
          later.payload.violationCode === fresh.payload.violationCode &&
          later.payload.tier === fresh.payload.tier &&
          peersAfter < window
        ) {
          peersAfter += 1;
          if (later.caseId !== fresh.caseId) dependents.add(later.caseId);
        }
      }
    }
    return Promise.resolve([...dependents]);
  }

  caseVersions(caseIds: string[]) {
    const versions = new Map<string, number>();
    for (const caseId of caseIds) {
      const stored = this.t.cases.get(caseId);
      if (stored) versions.set(caseId, stored.foldVersion);
    }
    return Promise.resolve(versions);
  }

  loadCaseEvents(caseIds: string[]) {
    const wanted = new Set(caseIds);
    const byCase = new Map<string, StoredEvent[]>();
    for (const stored of this.t.events.values()) {
      if (!wanted.has(stored.event.caseId)) continue;
      byCase.set(stored.event.caseId, [...(byCase.get(stored.event.caseId) ?? []), stored]);
    }
    for (const list of byCase.values()) {
      list.sort((a, b) => Date.parse(a.event.occurredAt) - Date.parse(b.event.occurredAt) || a.seq - b.seq);
    }
    return Promise.resolve(byCase);
  }

  /** Stored events in occurredAt then arrival order. */
  private ordered(): (StoredEvent & { at: number })[] {
    return [...this.t.events.values()]
      .map((stored) => ({ ...stored, at: Date.parse(stored.event.occurredAt) }))
      .sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  loadReceiptUses(receiptNos: string[]) {
    const wanted = new Set(receiptNos);
    const uses = new Map<string, ReceiptUseRow>();
    for (const { event, at } of this.ordered()) {
      if (event.type !== 'fee.paid' && event.type !== 'penalty.paid') continue;
      const receiptNo = event.payload.receiptNo;
      if (!wanted.has(receiptNo) || uses.has(receiptNo)) continue;
      uses.set(receiptNo, { receiptNo, eventId: event.eventId, caseId: event.caseId, occurredAtMs: at });
    }
    return Promise.resolve([...uses.values()]);
  }

  loadPeerDecisions(decisionEventIds: string[], window: number) {
    const decisions = this.ordered().filter((s) => s.event.type === 'penalty.decided');
    const keep = new Set<number>();
    for (const eventId of decisionEventIds) {
      const index = decisions.findIndex((d) => d.event.eventId === eventId);
      const asking = decisions[index];
      if (!asking || asking.event.type !== 'penalty.decided') continue;
      const { violationCode, tier } = asking.event.payload;
      keep.add(index);
      let found = 0;
      for (let i = index - 1; i >= 0 && found < window; i -= 1) {
        const peer = decisions[i]?.event;
        if (
          peer?.type === 'penalty.decided' &&
          peer.payload.violationCode === violationCode &&
          peer.payload.tier === tier
        ) {
          keep.add(i);
          found += 1;
        }
      }
    }
    const rows: PeerDecisionRow[] = [];
    for (const index of [...keep].sort((a, b) => a - b)) {
      const decided = decisions[index];
      if (decided?.event.type !== 'penalty.decided') continue;
      const { violationCode, tier, fine } = decided.event.payload;
      rows.push({ violationCode, tier, eventId: decided.event.eventId, occurredAtMs: decided.at, fine });
    }
    return Promise.resolve(rows);
  }

  upsertCases(cases: CaseSummary[]) {
    const stale: string[] = [];
    for (const c of cases) {
      if ((this.t.cases.get(c.caseId)?.foldVersion ?? 0) !== c.foldVersion - 1) stale.push(c.caseId);
      else this.t.cases.set(c.caseId, c);
    }
    return Promise.resolve(stale);
  }

  insertSignals(signals: NewSignal[]) {
    const inserted = new Set<string>();
    for (const { ruleFamily, responseDueAt, registeredAt: _registeredAt, ...signal } of signals) {
      if (this.t.signals.has(signal.alertKey)) continue;
      this.t.signals.set(signal.alertKey, {
        signal,
        status: 'open',
        ruleFamily,
        responseDueAt,
        escalatedTo: null,
      });
      inserted.add(signal.alertKey);
    }
    return Promise.resolve(inserted);
  }

  caseSignals(caseIds: string[]) {
    const wanted = new Set(caseIds);
    const byCase = new Map<string, StoredSignal[]>();
    for (const { signal, status } of this.t.signals.values()) {
      if (!wanted.has(signal.caseId)) continue;
      byCase.set(signal.caseId, [...(byCase.get(signal.caseId) ?? []), { signal, status }]);
    }
    return Promise.resolve(byCase);
  }

  storedSignals(alertKeys: string[]) {
    const found: StoredSignal[] = [];
    for (const alertKey of alertKeys) {
      const stored = this.t.signals.get(alertKey);
      if (stored) found.push({ signal: stored.signal, status: stored.status });
    }
    return Promise.resolve(found);
  }

  correctSignals(corrections: SignalCorrection[]) {
    for (const { signal, reinstate } of corrections) {
      const stored = this.t.signals.get(signal.alertKey);
      if (!stored) continue;
      stored.signal = signal;
      if (reinstate) {
        stored.status = 'open';
        stored.reason = undefined;
      }
    }
    return Promise.resolve();
  }

  retractSignals(retractions: SignalRetraction[]) {
    const retracted: { signal: Signal; previous: 'open' }[] = [];
    for (const r of retractions) {
      const stored = this.t.signals.get(r.alertKey);
      if (!stored || stored.status === 'retracted') continue;
      retracted.push({ signal: stored.signal, previous: stored.status });
      stored.status = 'retracted';
      stored.reason = r.reason;
    }
    return Promise.resolve(retracted);
  }

  lockCaseSignals(caseIds: string[]) {
    const wanted = new Set(caseIds);
    const found: SignalRecord[] = [];
    for (const row of this.t.signals.values()) {
      if (!wanted.has(row.signal.caseId) || row.status === 'retracted') continue;
      found.push({
        ...row.signal,
        status: row.status,
        retractedReason: null,
        ruleFamily: row.ruleFamily,
        recordedStatus: row.status,
        responseDueAt: row.responseDueAt,
        overdueAt: null,
        escalatedTo: row.escalatedTo,
        acknowledgedAt: null,
        respondedAt: null,
        responseKind: null,
        responseText: null,
        closedAt: null,
        verdict: null,
        createdAt: '1970-01-01T00:00:00.000Z',
        updatedAt: '1970-01-01T00:00:00.000Z',
      });
    }
    return Promise.resolve(found.sort((a, b) => (a.alertKey < b.alertKey ? -1 : 1)));
  }

  linkEscalations(links: EscalationLink[]) {
    for (const { alertKey, escalatedTo } of links) {
      const stored = this.t.signals.get(alertKey);
      if (stored) stored.escalatedTo = escalatedTo;
    }
    return Promise.resolve();
  }

  recordTransitions(transitions: NewTransition[]) {
    this.t.transitions.push(...transitions);
    return Promise.resolve();
  }

  appendOutbox(entries: OutboxEntry[]) {
    this.t.outbox.push(...entries);
    return Promise.resolve();
  }
}
