import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import {
  RuleResult,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrations';
import {
  CatalogEntityRow,
  ComplianceFilter,
  ScorecardStore,
} from './ScorecardStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const STATUSES: RuleStatus[] = [
  'pass',
  'fail',
  'exempt',
  'no-data',
  'not-applicable',
];

function entity(i: number): CatalogEntityRow {
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

function rule(id: string, status: RuleStatus): RuleResult {
  return {
    id,
    title: id,
    severity: 'warning',
    level: 'bronze',
    weight: 1,
    status,
    facts: [],
    actual: null,
    expected: '1',
    message: '',
    exemption: null,
  };
}

describe.each(databases.eachSupportedId())(
  'ScorecardStore on %s',
  databaseId => {
    let knex: Knex;
    let store: ScorecardStore;
    const entities = Array.from({ length: 40 }, (_, i) => entity(i));

    const evaluate = (shift: number) =>
      store.writeEvaluations(
        entities.map((e, i) => ({
          entityRef: e.entityRef,
          evaluatedAt: 1000 + shift,
          score: 50,
          level: null,
          readiness: { status: 'unknown', gates: [], blockers: [] },
          rules: ['a', 'b', 'c'].map((id, r) =>
            rule(id, STATUSES[(i + r + shift) % 5]),
          ),
          facts: {},
          configDigest: 'digest',
        })),
      );

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(knex);
      store = new ScorecardStore(knex);
      await store.upsertCatalogEntities(entities, 1);
      await evaluate(0);
      await store.refreshComplianceTotals();
    });

    afterAll(() => knex.destroy());

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
      expect(await store.totalsPerRule(filter)).toEqual(
        await store.totalsPerRule(live(filter)),
      );
      expect(await store.totalsPerOwner(filter)).toEqual(
        await store.totalsPerOwner(live(filter)),
      );
    });

    it('adds up the precomputed totals per rule', async () => {
      // 40 entities, statuses cycle: each rule has 8 of each status.
      const totals = await store.totalsPerRule({});
      expect(totals.get('a')).toEqual({
        pass: 8,
        fail: 8,
        exempt: 8,
        noData: 8,
        notApplicable: 8,
        // (pass + exempt) ÷ (pass + exempt + fail + no data) = 16 ÷ 32
        compliancePercent: 50,
      });
      expect([...(await store.totalsPerOwner({})).keys()].sort()).toEqual([
        'group:default/team-0',
        'group:default/team-1',
        'group:default/team-2',
        'unowned',
      ]);
    });

    it('keeps the totals of the owners it refreshes in step with new evaluations', async () => {
      await evaluate(1);
      await store.refreshComplianceTotals(['group:default/team-1']);
      const filter = { owners: ['group:default/team-1'] };
      expect(await store.totalsPerRule(filter)).toEqual(
        await store.totalsPerRule(live(filter)),
      );
      await store.refreshComplianceTotals();
      expect(await store.totalsPerRule({})).toEqual(
        await store.totalsPerRule(live({})),
      );
    });
  },
);
