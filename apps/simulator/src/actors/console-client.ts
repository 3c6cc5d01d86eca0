import type { Level } from '@app/contracts';
import type { LifecycleStatus, ResponseKind, Verdict } from '@app/rules';

/** What the demo's actors read of a signal (a subset of the console's signal view). */
export interface ConsoleSignal {
  alertKey: string;
  caseId: string;
  departmentId: string;
  ruleId: string;
  level: Level;
  /** RFC 3339: when the rule raised it (may lie in the past after a backfill). */
  raisedAt: string;
  status: LifecycleStatus;
  responseKind: ResponseKind | null;
}

/** One page of `GET /api/signals` (newest first); `raisedBefore` is its cursor. */
export interface SignalListQuery {
  status: readonly LifecycleStatus[];
  departmentId?: string;
  level?: Level;
  /** At most 1000, as the console allows. */
  limit: number;
  /** Epoch ms: only signals raised strictly before this instant. */
  raisedBefore?: number;
}

/**
 * What a lifecycle request came to. `conflict` is the console's 409: the signal's state moved on
 * (acted on by someone else, superseded by a higher signal, retracted), so the actor skips it.
 */
export type LifecycleOutcome =
  | { outcome: 'done'; signal: ConsoleSignal }
  | { outcome: 'conflict'; reason: string };

/** 签收 body. */
export interface AcknowledgeRequest {
  text?: string;
}

/** 情况说明 / 整改 body. */
export interface RespondRequest {
  responseKind: ResponseKind;
  text: string;
}

/** 销号 body. */
export interface CloseRequest {
  verdict: Verdict;
  text?: string;
}

/**
 * Port: the console's REST API as the demo's actors use it, each call on behalf of a demo user
 * (`username`). Any refusal but a 409 (wrong role, wrong department, bad body, console down) is
 * thrown; a 409 is the `conflict` outcome.
 */
export abstract class ConsoleClient {
  /** Logs the user in now (otherwise the first request does): fails fast on a wrong password. */
  abstract logIn(username: string): Promise<void>;
  abstract listSignals(username: string, query: SignalListQuery): Promise<ConsoleSignal[]>;
  abstract acknowledge(
    username: string,
    alertKey: string,
    request: AcknowledgeRequest,
  ): Promise<LifecycleOutcome>;
  abstract respond(username: string, alertKey: string, request: RespondRequest): Promise<LifecycleOutcome>;
  abstract close(username: string, alertKey: string, request: CloseRequest): Promise<LifecycleOutcome>;
}

/** A refused or failed console request: the method, the path, the status and the console's message. */
export class ConsoleRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    /** The HTTP status, or null when no answer came (connection refused, timeout). */
    readonly status: number | null,
    readonly reason: string,
  ) {
    super(`${method} ${path} ${status === null ? 'failed' : `answered ${status}`}: ${reason}`);
    this.name = 'ConsoleRequestError';
  }
}
