import { plan } from '../lifecycle';
import { defineIrregularity } from './irregularity';

/** An event that does not fit the lifecycle: a resumption never suspended, an unknown step, a reopening. */
export const DATA_OUT_OF_SEQUENCE = defineIrregularity({
  kind: 'DATA_OUT_OF_SEQUENCE',
  caseKinds: ['licensing', 'penalty'],
  compressible: true,
  amendPlan(p) {
    const variant = p.random.pick(['resumed', 'step', 'after'] as const);
    if (variant === 'resumed') p.entries.unshift(plan('case.resumed', {}, p.startDay, 'soon'));
    if (variant === 'step')
      p.entries.splice(
        p.entries.length - 1,
        0,
        plan('step.completed', { stepCode: 'archive', outcome: 'pass' }, p.endDay, 'soon'),
      );
    if (variant === 'after') p.reopenAfterEnd();
  },
  shows: (generated) => {
    let suspended = false;
    let closed = false;
    const running = new Set<string>();
    for (const event of generated.events) {
      if (closed && !['case.delivered', 'case.evaluated', 'fee.paid', 'penalty.paid'].includes(event.type))
        return true;
      if (event.type === 'case.suspended') suspended = true;
      if (event.type === 'case.resumed') {
        if (!suspended) return true;
        suspended = false;
      }
      if (event.type === 'step.started') running.add(event.payload.stepCode);
      if (event.type === 'step.completed' && !running.delete(event.payload.stepCode)) return true;
      if (event.type === 'case.completed' || event.type === 'penalty.decided') closed = true;
    }
    return false;
  },
});
