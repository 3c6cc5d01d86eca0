import { EXTENSION_REASONS } from '../names';
import { defineIrregularity } from './irregularity';
import { blank, ofType } from './shared';

/** An extension (延长) too long, asked for twice, or without a reason. */
export const EXTENSION_IRREGULAR = defineIrregularity({
  kind: 'EXTENSION_IRREGULAR',
  caseKinds: ['licensing'],
  compressible: true,
  amendPlan(plan) {
    const { random } = plan;
    const max = plan.settings.maxExtensionDays;
    const reason = () => random.pick(EXTENSION_REASONS);
    const variant = random.pick(['too_long', 'second', 'no_reason'] as const);
    plan.extend(
      variant === 'too_long'
        ? [{ days: max + random.int(1, 10), reason: reason() }]
        : variant === 'second'
          ? [
              { days: random.int(3, max), reason: reason() },
              { days: random.int(3, max), reason: reason() },
            ]
          : [random.chance(0.5) ? { days: random.int(3, max) } : { days: random.int(3, max), reason: '' }],
    );
  },
  shows: (generated, { index }) => {
    const extensions = ofType(generated, 'case.extended');
    return (
      extensions.length >= 2 ||
      extensions.some(
        (event) => event.payload.days > index.settings.maxExtensionDays || blank(event.payload.reason),
      )
    );
  },
});
