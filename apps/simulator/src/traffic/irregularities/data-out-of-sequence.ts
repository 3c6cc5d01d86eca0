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
});
