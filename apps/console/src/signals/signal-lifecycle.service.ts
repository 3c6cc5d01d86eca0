import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  Optional,
} from '@nestjs/common';
import {
  NewTransition,
  SignalEventKind,
  SignalLifecycleChange,
  SignalPatch,
  SignalRecord,
  SignalStore,
  SignalTransaction,
} from '@app/persistence';
import { OutOfScopeException } from '../common/lookups';
import { Actor } from '@app/contracts';
import { decideTransition, LifecycleCommand, LifecycleDecision } from '@app/rules';
import { Clock } from '@app/platform';
import { AlertsOutboxRelay } from '../outbox/alerts-outbox.relay';
import { lifecycleChange, SignalRegistration } from './signal-registration';

type UserCommand = Exclude<LifecycleCommand, { action: 'retract' } | { action: 'close-with-escalation' }>;

const KIND: Record<UserCommand['action'], SignalEventKind> = {
  acknowledge: 'acknowledged',
  respond: 'responded',
  return: 'returned',
  close: 'closed',
  urge: 'urged',
};

function refuse(decision: Extract<LifecycleDecision, { allowed: false }>): never {
  if (decision.refusal === 'forbidden') throw new ForbiddenException(decision.reason);
  if (decision.refusal === 'invalid') throw new BadRequestException(decision.reason);
  throw new ConflictException(decision.reason);
}

function patchFor(command: UserCommand, now: string): SignalPatch {
  switch (command.action) {
    case 'acknowledge':
      return { acknowledgedAt: now };
    case 'respond':
      return { respondedAt: now, responseKind: command.responseKind, responseText: command.text.trim() };
    case 'return':
    case 'urge':
      return {};
    case 'close':
      return { closedAt: now, verdict: command.verdict };
  }
}

function textOf(command: UserCommand): string | null {
  return command.text?.trim() || null;
}

/** The change of an urge with the number of urges the signal has had (`WallChange.urgeCount`). */
function withUrgeCount(change: SignalLifecycleChange, urgeCount: number): SignalLifecycleChange {
  const urged = { ...change, urgeCount };
  return urged;
}

/** PostgreSQL deadlock or serialization failure: the transaction can simply run again. */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

/**
 * The supervision lifecycle, one transaction per step: lock the signal, decide (pure state
 * machine), update, write the audit trail and the outbox together, so what is published can never
 * differ from what was committed. Closing a signal closes the signals it superseded with it.
 */
@Injectable()
export class SignalLifecycleService {
  constructor(
    @Inject(SignalStore) private readonly store: SignalStore,
    @Inject(SignalRegistration) private readonly registration: SignalRegistration,
    @Inject(Clock) private readonly clock: Clock,
    // the worker role's relay, when it runs in this process; apart, it sweeps the outbox each second
    @Optional() @Inject(AlertsOutboxRelay) private readonly relay?: AlertsOutboxRelay,
  ) {}

  async act(alertKey: string, command: UserCommand, actor: Actor): Promise<SignalRecord> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await this.store.transaction((tx) => this.step(tx, alertKey, command, actor));
        this.relay?.kick();
        return result;
      } catch (error) {
        if (attempt >= 3 || !isRetryable(error)) throw error;
      }
    }
  }

  private async step(
    tx: SignalTransaction,
    alertKey: string,
    command: UserCommand,
    actor: Actor,
  ): Promise<SignalRecord> {
    const now = new Date(this.clock.now()).toISOString();
    let signal = await tx.lock(alertKey);
    if (!signal) throw new NotFoundException(`no signal ${alertKey}`);
    // another department's signal answers like a missing one (no probing of ids), recorded as refused
    if (actor.role === 'department_officer' && actor.departmentId !== signal.departmentId)
      throw new OutOfScopeException(`signal ${alertKey}`);
    // a signal the registrar has not reached yet is registered first (deadline, escalation)
    if (signal.recordedStatus !== signal.status) signal = await this.registration.register(tx, signal, now);
    const decision = decideTransition(signal, command, actor);
    if (!decision.allowed) refuse(decision);
    // the urges before this one, committed (the lock above orders urges of one signal)
    const urgeCount =
      command.action === 'urge'
        ? (await this.store.transitions(alertKey)).filter((t) => t.action === 'urge').length + 1
        : null;
    const updated = await tx.update(alertKey, {
      ...patchFor(command, now),
      status: decision.to,
      recordedStatus: decision.to,
    });
    const text = textOf(command);
    const transitions: NewTransition[] = [
      {
        alertKey,
        action: command.action,
        fromStatus: decision.from,
        toStatus: decision.to,
        actor,
        at: now,
        text,
        responseKind: command.action === 'respond' ? command.responseKind : null,
        verdict: command.action === 'close' ? command.verdict : null,
      },
    ];
    const change = lifecycleChange(KIND[command.action], updated, now, text, actor);
    // an urge carries how many the signal has now (the wall shows 催办 ×N), so a change applied twice is harmless
    const changes: SignalLifecycleChange[] = [urgeCount === null ? change : withUrgeCount(change, urgeCount)];
    if (command.action === 'close') {
      for (const lower of await tx.lockSupersededBy(alertKey)) {
        const cascade = decideTransition(
          lower,
          { action: 'close-with-escalation', verdict: command.verdict },
          { role: 'system', departmentId: null },
        );
        if (!cascade.allowed) continue; // already closed or retracted
        const closed = await tx.update(lower.alertKey, {
          status: 'closed',
          recordedStatus: 'closed',
          closedAt: now,
          verdict: command.verdict,
        });
        const reason = `closed together with ${alertKey}`;
        transitions.push({
          alertKey: lower.alertKey,
          action: 'close-with-escalation',
          fromStatus: cascade.from,
          toStatus: cascade.to,
          actor,
          at: now,
          text: reason,
          verdict: command.verdict,
          details: { with: alertKey },
        });
        changes.push(lifecycleChange('closed', closed, now, reason, actor));
      }
    }
    await tx.recordTransitions(transitions);
    await tx.appendChanges(changes);
    return updated;
  }
}
