import type { ApprovalEvent } from '@app/contracts';
import { aCase, aCatalog, anItem, runRules, summarize } from '../testing/factories';
import { REFUSAL_WITH_COMPLETE_MATERIALS } from './refusal-with-complete-materials.rule';

// The item requires 申请书 and 营业执照.
describe(REFUSAL_WITH_COMPLETE_MATERIALS.id, () => {
  it.each([
    ['everything submitted', ['申请书', '营业执照'], [], true],
    ['the missing material supplemented', ['申请书'], ['营业执照'], true],
    ['a material still missing', ['申请书'], [], false],
    ['other materials only', ['身份证'], ['照片'], false],
  ] as const)('refusal with %s fires: %s', (_, submitted, supplemented, fires) => {
    const c = aCase();
    const events: ApprovalEvent[] = [
      c.event('case.submitted', '2026-09-14T09:00', { materials: [...submitted] }),
    ];
    if (supplemented.length > 0) {
      events.push(c.event('case.supplement_requested', '2026-09-14T10:00'));
      events.push(c.event('case.supplemented', '2026-09-15T09:00', { materials: [...supplemented] }));
    }
    events.push(c.event('case.refused', '2026-09-16T09:00', {}, { eventId: 'refusal' }));

    expect(summarize(runRules(events), REFUSAL_WITH_COMPLETE_MATERIALS.id)).toEqual(
      fires ? ['REFUSAL_WITH_COMPLETE_MATERIALS[refusal]@2026-09-16T09:00'] : [],
    );
  });

  it('treats an item that requires nothing as complete', () => {
    const catalog = aCatalog({ items: [anItem({ requiredMaterials: [] })] });
    const c = aCase();
    const events: ApprovalEvent[] = [
      c.event('case.submitted', '2026-09-14T09:00', { materials: [] }),
      c.event('case.refused', '2026-09-16T09:00'),
    ];

    expect(summarize(runRules(events, { catalog }), REFUSAL_WITH_COMPLETE_MATERIALS.id)).toHaveLength(1);
  });

  it('cannot judge an item that is not in the catalogue', () => {
    const c = aCase('C-1', 'NO-SUCH-ITEM');
    const events: ApprovalEvent[] = [
      c.event('case.submitted', '2026-09-14T09:00'),
      c.event('case.refused', '2026-09-16T09:00'),
    ];

    expect(summarize(runRules(events), REFUSAL_WITH_COMPLETE_MATERIALS.id)).toEqual([]);
  });
});
