import { RuleStatus } from '@internal/plugin-release-scorecard-common';
import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import {
  RULE_STATUSES_IN_ORDER,
  testEvaluation,
} from '../__testUtils__/ruleResults';
import { MirroredEntity } from './CatalogMirrorStore';
import { ComplianceFilter } from './ComplianceStore';
import {
  createDatabaseStores,
  ReleaseScorecardStores,
} from './ReleaseScorecardStores';

jest.setTimeout(60_000);

function entity(i: number): MirroredEntity {
  return {
    entityRef: `component:default/svc-${i}`,
    kind: 'component',
    type: i % 3 === 0 ? 'website' : 'service',
    lifecycle: i % 4 === 0 ? 'experimental' : 'production',
    owner: i % 5 === 0 ? undefined : `group:default/team-${i % 3}`,
    system: `system:default/sys-${i % 2}`,
    tags: [],
    annotations: {},
  };
}

describeEachDatabase('DatabaseComplianceStore', db => {
  let stores: ReleaseScorecardStores;

  beforeAll(() => {
    stores = createDatabaseStores(db());
  });

  describe('totals', () => {
    const entities = Array.from({ length: 40 }, (_, i) => entity(i));

    /** Every entity evaluated, rule statuses cycling with `shift`. */
    const evaluate = (shift: number) =>
      stores.scorecardResults.writeEvaluations(
        entities.map((e, i) =>
          testEvaluation(
            e.entityRef,
            1000 + shift,
            Object.fromEntries(
              ['a', 'b', 'c'].map((id, r) => [
                id,
                RULE_STATUSES_IN_ORDER[(i + r + shift) % 5],
              ]),
            ),
          ),
        ),
      );

    beforeEach(async () => {
      await stores.catalogMirror.upsertCatalogEntities(entities, 1);
      await evaluate(0);
      await stores.compliance.refreshComplianceTotals();
    });

    /** The same filter counted live from every rule result (a visibility list forces that path). */
    const live = (filter: ComplianceFilter): ComplianceFilter => ({
      ...filter,
      visibleEntityRefs: entities.map(e => e.entityRef),
    });

    it.each<[string, ComplianceFilter]>([
      ['no filter', {}],
      ['an owner', { owners: ['group:default/team-1'] }],
      [
        'two owners and a lifecycle',
        {
          owners: ['group:default/team-0', 'group:default/team-2'],
          lifecycles: ['production'],
        },
      ],
      ['a type', { types: ['website'] }],
      ['kind and type', { kinds: ['component'], types: ['service'] }],
    ])('precomputed totals equal live counts for %s', async (_name, filter) => {
      const { compliance } = stores;
      expect(await compliance.totalsPerRule(filter)).toEqual(
        await compliance.totalsPerRule(live(filter)),
      );
      expect(await compliance.totalsPerOwner(filter)).toEqual(
        await compliance.totalsPerOwner(live(filter)),
      );
    });

    it('adds up the precomputed totals per rule', async () => {
      // 40 entities, statuses cycle: each rule has 8 of each status.
      const totals = await stores.compliance.totalsPerRule({});
      expect(totals.get('a')).toEqual({
        pass: 8,
        fail: 8,
        exempt: 8,
        noData: 8,
        notApplicable: 8,
        // (pass + exempt) ÷ (pass + exempt + fail + no data) = 16 ÷ 32
        compliancePercent: 50,
      });
      expect(
        [...(await stores.compliance.totalsPerOwner({})).keys()].sort(),
      ).toEqual([
        'group:default/team-0',
        'group:default/team-1',
        'group:default/team-2',
        'unowned',
      ]);
    });

    it('keeps the totals of the owners it refreshes in step with new evaluations', async () => {
      const { compliance } = stores;
      await evaluate(1);
      await compliance.refreshComplianceTotals(['group:default/team-1']);
      const filter = { owners: ['group:default/team-1'] };
      expect(await compliance.totalsPerRule(filter)).toEqual(
        await compliance.totalsPerRule(live(filter)),
      );
      await compliance.refreshComplianceTotals();
      expect(await compliance.totalsPerRule({})).toEqual(
        await compliance.totalsPerRule(live({})),
      );
    });
  });

  describe('rows and changes of one entity', () => {
    const ENTITY = 'component:default/a';

    beforeEach(() =>
      stores.catalogMirror.upsertCatalogEntities(
        [
          {
            entityRef: ENTITY,
            kind: 'component',
            owner: 'group:default/team',
            tags: [],
            annotations: {},
          },
        ],
        0,
      ),
    );

    const evaluate = (at: number, statuses: Record<string, RuleStatus>) =>
      stores.scorecardResults.writeEvaluations([
        testEvaluation(ENTITY, at, statuses),
      ]);

    it('shows since when each failing rule fails', async () => {
      await evaluate(1000, { a: 'fail', b: 'pass' });
      await evaluate(2000, { a: 'fail', b: 'fail' });
      await evaluate(3000, { a: 'pass', b: 'fail' });
      await evaluate(4000, { a: 'fail', b: 'fail' });

      const page = await stores.compliance.listCompliance(
        {},
        { limit: 10 },
        5000,
      );
      expect(page.items[0].failingSince).toEqual({
        a: { at: new Date(4000).toISOString(), firstEvaluation: false },
        b: { at: new Date(2000).toISOString(), firstEvaluation: false },
      });
    });

    it('narrows the changes feed to changes of a rule, or to a status', async () => {
      await evaluate(1000, { a: 'pass', b: 'pass' });
      await evaluate(2000, { a: 'fail', b: 'no-data' });
      await evaluate(3000, { a: 'pass', b: 'fail' });

      const feed = await stores.compliance.listRecentChanges({ rule: 'a' }, 0, {
        limit: 10,
      });
      expect(feed.items.map(c => [c.ruleId, c.from, c.to])).toEqual([
        ['a', 'fail', 'pass'],
        ['a', 'pass', 'fail'],
      ]);
      const intoFail = await stores.compliance.listRecentChanges(
        { status: 'fail' },
        0,
        { limit: 10 },
      );
      expect(intoFail.items.map(c => [c.ruleId, c.to])).toEqual([
        ['b', 'fail'],
        ['a', 'fail'],
      ]);
    });
  });
});
