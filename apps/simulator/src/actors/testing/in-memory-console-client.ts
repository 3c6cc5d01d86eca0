import { decideTransition, LifecycleCommand, LifecycleStatus } from '@app/rules';
import {
  AcknowledgeRequest,
  CloseRequest,
  ConsoleClient,
  ConsoleRequestError,
  ConsoleSignal,
  LifecycleOutcome,
  RespondRequest,
  SignalListQuery,
} from '../console-client';

/** A lifecycle request the fake accepted. */
export interface RecordedStep {
  username: string;
  alertKey: string;
  command: LifecycleCommand;
  from: LifecycleStatus;
}

type FakeUser =
  | { role: 'supervisor'; departmentId: null }
  | { role: 'department_officer'; departmentId: string };

let sequence = 0;

/** Runs synchronous fake work as the real client would answer: a promise, rejected on error. */
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** A signal as the console lists it; every field can be overridden. */
export function aConsoleSignal(overrides: Partial<ConsoleSignal> = {}): ConsoleSignal {
  sequence += 1;
  return {
    alertKey: `case-${sequence}|TIME_OVERDUE|`,
    caseId: `case-${sequence}`,
    departmentId: 'scjgj',
    ruleId: 'TIME_OVERDUE',
    level: 'yellow',
    raisedAt: '2026-04-13T01:00:00.000Z',
    status: 'open',
    responseKind: null,
    ...overrides,
  };
}

/**
 * The console as the actors see it, in memory: users with roles and departments, listings scoped
 * and paged as `GET /api/signals` does, and lifecycle steps decided by the console's own state
 * machine (`decideTransition`): 403 and 400 thrown, 409 answered as `conflict`.
 */
export class InMemoryConsoleClient extends ConsoleClient {
  readonly steps: RecordedStep[] = [];
  readonly listings: { username: string; query: SignalListQuery }[] = [];
  readonly loggedIn: string[] = [];
  /** While true, every request fails as when the console is down. */
  unreachable = false;
  private readonly signals = new Map<string, ConsoleSignal & { escalatedTo: string | null }>();
  private readonly users = new Map<string, FakeUser>();
  private readonly movesBeforeStep = new Map<
    string,
    (signal: ConsoleSignal & { escalatedTo: string | null }) => void
  >();

  constructor(options: { supervisor: string; officers: ReadonlyMap<string, string> }) {
    super();
    this.users.set(options.supervisor, { role: 'supervisor', departmentId: null });
    for (const [departmentId, username] of options.officers)
      this.users.set(username, { role: 'department_officer', departmentId });
  }

  add(...signals: ConsoleSignal[]): this {
    for (const signal of signals) this.signals.set(signal.alertKey, { ...signal, escalatedTo: null });
    return this;
  }

  signal(alertKey: string): ConsoleSignal {
    const found = this.signals.get(alertKey);
    if (!found) throw new Error(`no signal ${alertKey}`);
    return found;
  }

  all(): ConsoleSignal[] {
    return [...this.signals.values()];
  }

  /** Someone else moves the signal on just before the next step on it arrives (a race → 409). */
  retractBeforeNextStep(alertKey: string): void {
    this.movesBeforeStep.set(alertKey, (signal) => (signal.status = 'retracted'));
  }

  /** A higher signal supersedes this one just before the next step on it arrives (→ 409). */
  supersedeBeforeNextStep(alertKey: string, by: string): void {
    this.movesBeforeStep.set(alertKey, (signal) => (signal.escalatedTo = by));
  }

  logIn(username: string): Promise<void> {
    return settle(() => {
      this.userOf('POST', '/api/auth/login', username);
      this.loggedIn.push(username);
    });
  }

  listSignals(username: string, query: SignalListQuery): Promise<ConsoleSignal[]> {
    return settle(() => this.list(username, query));
  }

  acknowledge(username: string, alertKey: string, request: AcknowledgeRequest): Promise<LifecycleOutcome> {
    return settle(() => this.step(username, alertKey, { action: 'acknowledge', ...request }));
  }

  respond(username: string, alertKey: string, request: RespondRequest): Promise<LifecycleOutcome> {
    return settle(() => this.step(username, alertKey, { action: 'respond', ...request }));
  }

  close(username: string, alertKey: string, request: CloseRequest): Promise<LifecycleOutcome> {
    return settle(() => this.step(username, alertKey, { action: 'close', ...request }));
  }

  private list(username: string, query: SignalListQuery): ConsoleSignal[] {
    const user = this.userOf('GET', '/api/signals', username);
    if (
      user.role === 'department_officer' &&
      query.departmentId !== undefined &&
      query.departmentId !== user.departmentId
    )
      throw new ConsoleRequestError(
        'GET',
        '/api/signals',
        403,
        `department ${query.departmentId} is not yours`,
      );
    if (query.limit < 1 || query.limit > 1000)
      throw new ConsoleRequestError('GET', '/api/signals', 400, `limit ${query.limit} out of 1..1000`);
    this.listings.push({ username, query });
    const departmentId = user.departmentId ?? query.departmentId;
    return [...this.signals.values()]
      .filter(
        (signal) =>
          (departmentId === undefined || signal.departmentId === departmentId) &&
          query.status.includes(signal.status) &&
          (query.level === undefined || signal.level === query.level) &&
          (query.raisedBefore === undefined || Date.parse(signal.raisedAt) < query.raisedBefore) &&
          signal.escalatedTo === null,
      )
      .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || a.alertKey.localeCompare(b.alertKey))
      .slice(0, query.limit)
      .map(({ escalatedTo: _escalatedTo, ...signal }) => signal);
  }

  private userOf(method: string, path: string, username: string): FakeUser {
    if (this.unreachable) throw new ConsoleRequestError(method, path, null, 'fetch failed (ECONNREFUSED)');
    const user = this.users.get(username);
    if (!user)
      throw new ConsoleRequestError(
        'POST',
        '/api/auth/login',
        401,
        `${username}: wrong username or password`,
      );
    return user;
  }

  private step(username: string, alertKey: string, command: LifecycleCommand): LifecycleOutcome {
    const path = `/api/signals/${encodeURIComponent(alertKey)}/${command.action}`;
    const user = this.userOf('POST', path, username);
    const signal = this.signals.get(alertKey);
    if (!signal) throw new ConsoleRequestError('POST', path, 404, `no signal ${alertKey}`);
    this.movesBeforeStep.get(alertKey)?.(signal);
    this.movesBeforeStep.delete(alertKey);
    const decision = decideTransition(signal, command, user);
    if (!decision.allowed) {
      if (decision.refusal === 'conflict') return { outcome: 'conflict', reason: decision.reason };
      throw new ConsoleRequestError(
        'POST',
        path,
        decision.refusal === 'forbidden' ? 403 : 400,
        decision.reason,
      );
    }
    this.steps.push({ username, alertKey, command, from: signal.status });
    signal.status = decision.to;
    if (command.action === 'respond') signal.responseKind = command.responseKind;
    const { escalatedTo: _escalatedTo, ...view } = signal;
    return { outcome: 'done', signal: view };
  }
}
