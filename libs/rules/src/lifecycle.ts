import type { ApprovalEvent, EventType } from '@app/contracts';
import type { CaseState } from './case-state';

const BEFORE_ACCEPTANCE: ReadonlySet<EventType> = new Set<EventType>([
  'case.supplement_requested',
  'case.supplemented',
  'case.accepted',
  'case.refused',
  'fee.assessed',
  'case.evaluated',
]);

/**
 * Whether a valid event fits the case's state (`docs/rules.md` § Case lifecycle). An event that does
 * not is out of sequence: it raises DATA_OUT_OF_SEQUENCE and changes no state.
 */
export function isInSequence(state: Readonly<CaseState>, event: ApprovalEvent): boolean {
  if (event.type === 'fee.paid' || event.type === 'penalty.paid') return true;
  switch (state.phase) {
    case 'new':
      if (event.type === 'case.submitted' || event.type === 'case.accepted') return state.kind !== 'penalty';
      if (event.type === 'penalty.filed') return state.kind !== 'licensing';
      return false;
    case 'submitted':
      return BEFORE_ACCEPTANCE.has(event.type);
    case 'running':
      return fitsRunningCase(state, event);
    case 'completed':
    case 'decided':
      return event.type === 'case.delivered' || event.type === 'case.evaluated';
    case 'refused':
      return event.type === 'case.evaluated';
  }
}

function fitsRunningCase(state: Readonly<CaseState>, event: ApprovalEvent): boolean {
  switch (event.type) {
    case 'step.started':
      return state.steps?.get(event.payload.stepCode)?.running === undefined;
    case 'step.completed':
      return state.steps?.get(event.payload.stepCode)?.running !== undefined;
    case 'case.suspended':
      return state.suspension === undefined;
    case 'case.resumed':
      return state.suspension !== undefined;
    case 'case.extended':
    case 'fee.assessed':
      return true;
    case 'case.completed':
      return state.kind === 'licensing';
    case 'penalty.proposed':
    case 'penalty.hearing_notified':
    case 'penalty.decided':
      return state.kind === 'penalty';
    default:
      return false;
  }
}
