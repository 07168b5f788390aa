import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const API = '/api/release-scorecard';

/** Polls `read` until it returns `expected` (evaluation happens off the request path). */
async function eventually<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  let actual = await read();
  while (
    JSON.stringify(actual) !== JSON.stringify(expected) &&
    Date.now() < deadline
  ) {
    await new Promise(resolve => setTimeout(resolve, 200));
    actual = await read();
  }
  expect(actual).toEqual(expected);
}

const RULES_CONFIG = {
  levels: ['bronze', 'silver'],
  readiness: { requiredGates: ['unit-tests', 'load-test'] },
  rules: [
    {
      id: 'coverage',
      title: 'Coverage of at least 80 %',
      level: 'bronze',
      weight: 2,
      check: { fact: 'gate.unit-tests.coverage', op: 'gte', value: 0.8 },
    },
    {
      id: 'gitops',
      title: 'GitOps with canary or blue/green',
      severity: 'blocking',
      level: 'silver',
      weight: 3,
      check: {
        all: [
          { fact: 'deployment.gitops', op: 'eq', value: true },
          {
            fact: 'deployment.strategy',
            op: 'in',
            value: ['canary', 'blue-green'],
          },
        ],
      },
    },
    {
      id: 'no-sev1',
      title: 'No open sev1',
      severity: 'blocking',
      level: 'bronze',
      check: { fact: 'incidents.open.sev1', op: 'eq', value: 0 },
    },
  ],
  exemptions: [
    {
      entity: 'component:default/ledger-service',
      rule: 'gitops',
      reason: 'Moving to Argo CD',
      expires: '2099-12-31',
    },
  ],
};

describe.each(databases.eachSupportedId())(
  'scorecard API on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
    const now = Date.now();
    const iso = (offset: number) => new Date(now + offset).toISOString();

    const push = (path: string, body: object) =>
      request(server)
        .post(`${API}/ingest/${path}`)
        .set('Authorization', SERVICE)
        .send(body)
        .expect(202);

    const get = (path: string) =>
      request(server).get(`${API}${path}`).set('Authorization', USER);

    let stop: () => Promise<void>;

    afterAll(() => stop());

    beforeAll(async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestPlugin({ knex, config: RULES_CONFIG });
      server = backend.server;
      stop = async () => {
        await backend.stop();
        await knex.destroy();
      };

      const deployment = (
        id: string,
        finishedAgo: number,
        overrides: object = {},
      ) => ({
        id,
        entityRef: 'component:default/payments-api',
        environment: 'production',
        revision: id,
        strategy: 'canary',
        gitops: true,
        status: 'succeeded',
        startedAt: iso(-finishedAgo - HOUR),
        finishedAt: iso(-finishedAgo),
        commits: [
          { sha: `${id}-commit`, committedAt: iso(-finishedAgo - 5 * HOUR) },
        ],
        ...overrides,
      });
      await push('deployments', {
        deployments: [
          deployment('p1', 10 * DAY),
          deployment('p2', 5 * DAY),
          deployment('p3', 3 * DAY, { status: 'failed' }),
          deployment('p4', 1 * DAY),
          deployment('l1', 2 * DAY, {
            entityRef: 'component:default/ledger-service',
            strategy: 'rolling',
            gitops: false,
          }),
        ],
      });
      await push('pipelines', {
        runs: [
          {
            id: 'run-p',
            entityRef: 'component:default/payments-api',
            revision: 'cand1',
            version: '1.5.0',
            startedAt: iso(-HOUR),
            finishedAt: iso(-HOUR / 2),
            gates: [
              {
                gate: 'unit-tests',
                status: 'passed',
                metrics: { coverage: 0.86 },
              },
              {
                gate: 'load-test',
                status: 'failed',
                metrics: { p95Ms: 812 },
              },
            ],
          },
          {
            id: 'run-l',
            entityRef: 'component:default/ledger-service',
            revision: 'cand2',
            startedAt: iso(-HOUR),
            gates: [
              {
                gate: 'unit-tests',
                status: 'passed',
                metrics: { coverage: 0.7 },
              },
              { gate: 'load-test', status: 'passed' },
            ],
          },
        ],
      });
      await push('incidents', {
        incidents: [
          {
            id: 'INC-1',
            entityRef: 'component:default/payments-api',
            title: 'Timeouts',
            severity: 'sev2',
            status: 'resolved',
            openedAt: iso(-5 * DAY + 2 * HOUR),
            resolvedAt: iso(-5 * DAY + 4 * HOUR),
          },
        ],
      });
    });

    it('evaluates the scorecard of an entity: score, level, readiness and rules', async () => {
      const payments = await get(
        '/entities/default/component/payments-api/scorecard',
      ).expect(200);
      expect(payments.body).toMatchObject({
        entityRef: 'component:default/payments-api',
        score: 100,
        level: 'silver',
        readiness: {
          status: 'blocked',
          revision: 'cand1',
          version: '1.5.0',
          pipelineRunId: 'run-p',
          blockers: ['gate:load-test'],
        },
      });
      expect(payments.body.readiness.gates).toEqual([
        expect.objectContaining({
          gate: 'unit-tests',
          status: 'passed',
          required: true,
        }),
        expect.objectContaining({
          gate: 'load-test',
          status: 'failed',
          metrics: { p95Ms: 812 },
        }),
      ]);
      expect(
        Object.fromEntries(
          payments.body.rules.map((r: any) => [r.id, [r.status, r.actual]]),
        ),
      ).toEqual({
        coverage: ['pass', 0.86],
        gitops: [
          'pass',
          { 'deployment.gitops': true, 'deployment.strategy': 'canary' },
        ],
        'no-sev1': ['pass', 0],
      });

      // ledger: coverage fails (weight 2), gitops is exempt (3), and no-sev1 has
      // no data since no incident tool reports on it (1): a rule nobody could
      // check is not met, so score = 100 × 3 ÷ (2 + 3 + 1) = 50; bronze
      // fails, so no level; the blocking rule without data blocks.
      const ledger = await get(
        '/entities/default/component/ledger-service/scorecard',
      ).expect(200);
      expect(ledger.body).toMatchObject({
        score: 50,
        ruleCoverage: { withData: 2, applicable: 3 },
        level: null,
        readiness: { status: 'blocked', blockers: ['rule:no-sev1'] },
      });
      const gitops = ledger.body.rules.find((r: any) => r.id === 'gitops');
      expect(gitops).toMatchObject({
        status: 'exempt',
        exemption: { reason: 'Moving to Argo CD', expires: '2099-12-31' },
      });

      // cart-service has no data at all: no readiness, rules without data.
      const cart = await get(
        '/entities/default/component/cart-service/scorecard',
      ).expect(200);
      // Nothing could be checked: score 0 of 100 on 0 of 3 rules, never a
      // perfect score read off the absence of data.
      expect(cart.body).toMatchObject({
        score: 0,
        ruleCoverage: { withData: 0, applicable: 3 },
        level: null,
        readiness: { status: 'unknown' },
      });
      expect(cart.body.rules.map((r: any) => r.status)).toEqual([
        'no-data',
        'no-data',
        'no-data',
      ]);
    });

    it('reports DORA metrics of an entity, with the records behind them', async () => {
      const dora = await get(
        '/entities/default/component/payments-api/dora?windowDays=30',
      ).expect(200);
      // 3 succeeded production deployments in 30 days: 3 ÷ (30 ÷ 7) = 0.7 per week.
      expect(dora.body).toMatchObject({
        entityRef: 'component:default/payments-api',
        windowDays: 30,
        deploymentFrequency: { deployments: 3, tier: 'medium' },
        // Every commit was made 5 hours before its deployment finished.
        leadTime: {
          medianSeconds: 5 * 3600,
          p90Seconds: 5 * 3600,
          samples: 3,
          tier: 'elite',
        },
        // p3 failed, and INC-1 opened 2 h after p2: 2 of 4 changes failed.
        changeFailureRate: { failed: 2, total: 4, rate: 0.5, tier: 'low' },
        recoveryTime: { medianSeconds: 2 * 3600, samples: 1, tier: 'high' },
        overallTier: 'low',
      });
      expect(dora.body.deploymentFrequency.perWeek).toBeCloseTo(0.7, 10);

      const shorter = await get(
        '/entities/default/component/payments-api/dora?windowDays=2',
      ).expect(200);
      expect(shorter.body.deploymentFrequency.deployments).toBe(1);

      const details = await get(
        '/entities/default/component/payments-api/dora/details?windowDays=30',
      ).expect(200);
      expect(
        details.body.changeFailures.map((f: any) => [
          f.deploymentId,
          f.failedByStatus,
        ]),
      ).toEqual([
        ['p2', false],
        ['p3', true],
      ]);
      expect(details.body.changeFailures[0].incidents).toEqual([
        { incidentId: 'INC-1', attributedBy: 'timeWindow' },
      ]);

      const trend = await get(
        '/entities/default/component/payments-api/dora/trend?windowDays=14',
      ).expect(200);
      const weeklyDeployments = trend.body.weeks.reduce(
        (sum: number, w: any) => sum + w.deployments,
        0,
      );
      expect(weeklyDeployments).toBe(3);

      await get(
        '/entities/default/component/payments-api/dora?windowDays=0',
      ).expect(400);
      await get(
        '/entities/default/component/payments-api/dora?to=yesterday',
      ).expect(400);
    });

    it('serves the headline, the drill-down and the trend from the same records', async () => {
      for (const windowDays of [2, 7, 30, 90]) {
        const query = `windowDays=${windowDays}`;
        const base = '/entities/default/component/payments-api/dora';
        const [headline, details, trend] = await Promise.all([
          get(`${base}?${query}`).expect(200),
          get(`${base}/details?${query}`).expect(200),
          get(`${base}/trend?${query}`).expect(200),
        ]);
        const sum = (field: string) =>
          trend.body.weeks.reduce(
            (total: number, w: any) => total + w[field],
            0,
          );
        expect({
          deployments: details.body.deployments.length,
          weeklyDeployments: sum('deployments'),
          leadTimeSamples: details.body.leadTimeSamples.length,
          changes: details.body.changeCount,
          failed: details.body.changeFailures.length,
          weeklyFailed: sum('failedDeployments'),
          recoveries: details.body.recoverySamples.length,
        }).toEqual({
          deployments: headline.body.deploymentFrequency.deployments,
          weeklyDeployments: headline.body.deploymentFrequency.deployments,
          leadTimeSamples: headline.body.leadTime.samples,
          changes: headline.body.changeFailureRate.total,
          failed: headline.body.changeFailureRate.failed,
          weeklyFailed: headline.body.changeFailureRate.failed,
          recoveries: headline.body.recoveryTime.samples,
        });
      }
    });

    it('refuses a window longer than the records are kept', async () => {
      // Retention keeps 400 days by default: a 730-day window would count
      // deleted days and understate every rate.
      const response = await get(
        '/entities/default/component/payments-api/dora?windowDays=730',
      ).expect(400);
      expect(response.body.error.message).toContain('windowDays');
      expect(response.body.error.message).toContain('400');
      await get(
        '/entities/default/component/payments-api/dora?windowDays=400',
      ).expect(200);
      await get('/owners/default/group/commerce/dora?windowDays=401').expect(
        400,
      );
    });

    it('rolls DORA up for a group and its sub-groups', async () => {
      // Make sure the catalog copy (with the group hierarchy) exists.
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', USER)
        .send({})
        .expect(202);
      await eventually(
        async () =>
          (
            await get('/owners/default/group/commerce/dora?windowDays=30')
          ).body.entityCount,
        3,
      );
      const rollup = await get(
        '/owners/default/group/commerce/dora?windowDays=30',
      ).expect(200);
      expect(rollup.body).toMatchObject({
        ownerRef: 'group:default/commerce',
        // payments-api's 3 plus ledger-service's 1; cart-service has none.
        deploymentFrequency: { deployments: 4 },
        changeFailureRate: { failed: 2, total: 5 },
      });
    });

    it('lists compliance with totals per rule and owner, filters, paging and CSV', async () => {
      for (const name of ['payments-api', 'ledger-service', 'cart-service']) {
        await get(`/entities/default/component/${name}/scorecard`).expect(200);
      }
      const all = await get('/compliance').expect(200);
      expect(all.body.totalCount).toBe(3);
      expect(
        all.body.items.map((row: any) => [row.entityRef, row.rules.coverage]),
      ).toEqual([
        ['component:default/cart-service', 'no-data'],
        ['component:default/ledger-service', 'fail'],
        ['component:default/payments-api', 'pass'],
      ]);
      expect(
        all.body.rules.find((rule: any) => rule.id === 'gitops'),
      ).toMatchObject({
        pass: 1,
        exempt: 1,
        noData: 1,
        fail: 0,
        // cart-service has no data: not met, so 2 of 3.
        compliancePercent: 66.7,
      });
      expect(all.body.owners).toEqual([
        expect.objectContaining({
          owner: 'group:default/checkout-team',
          noData: 3,
        }),
        // payments-team: payments-api's 3 passes; ledger's coverage fails, its
        // gitops rule is exempt and no-sev1 has no data.
        expect.objectContaining({
          owner: 'group:default/payments-team',
          pass: 3,
          exempt: 1,
          fail: 1,
          noData: 1,
          // (3 + 1) ÷ (3 + 1 + 1 + 1): the rule without data is not met.
          compliancePercent: 66.7,
        }),
      ]);

      const failing = await get('/compliance?rule=coverage&status=fail').expect(
        200,
      );
      expect(failing.body.items.map((row: any) => row.entityRef)).toEqual([
        'component:default/ledger-service',
      ]);

      const byTeam = await get('/compliance?owner=payments-team').expect(200);
      expect(byTeam.body.totalCount).toBe(2);
      const byDepartment = await get(
        '/compliance?owner=group:default/commerce',
      ).expect(200);
      expect(byDepartment.body.totalCount).toBe(3);

      const first = await get('/compliance?limit=2').expect(200);
      const second = await get(
        `/compliance?limit=2&cursor=${first.body.nextCursor}`,
      ).expect(200);
      expect(
        [...first.body.items, ...second.body.items].map(
          (row: any) => row.entityRef,
        ),
      ).toEqual(all.body.items.map((row: any) => row.entityRef));
      expect(second.body.nextCursor).toBeUndefined();

      const csv = await get('/compliance')
        .set('Accept', 'text/csv')
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'entity,title,owner,system,kind,type,lifecycle,score,rules with data,rules that apply,level,readiness,regressions (7 days),' +
          'coverage,coverage failingSince,gitops,gitops failingSince,no-sev1,no-sev1 failingSince',
      );
      expect(lines).toHaveLength(4);
      expect(lines[2]).toContain('component:default/ledger-service');
      // Score 50 on 2 of 3 rules with data; coverage fails since its first
      // evaluation (an ISO time), the others do not fail.
      expect(lines[2]).toMatch(
        /,50,2,3,,blocked,,fail,\d{4}-\d\d-\d\dT[\d:.]+Z,exempt,,no-data,$/,
      );

      const bad = await get('/compliance?status=broken').expect(400);
      expect(bad.body.error.message).toContain('status');
      await get('/compliance?rule=nope').expect(400);
    });

    it('keeps the history of status changes and reports what changed this week', async () => {
      await get('/entities/default/component/payments-api/scorecard').expect(
        200,
      );
      // A sev1 opens: no-sev1 turns from pass to fail.
      await push('incidents', {
        incidents: [
          {
            id: 'INC-2',
            entityRef: 'component:default/payments-api',
            title: 'Outage',
            severity: 'sev1',
            status: 'open',
            openedAt: iso(-HOUR),
          },
        ],
      });
      await eventually(async () => {
        const card = await get(
          '/entities/default/component/payments-api/scorecard',
        );
        return card.body.rules.find((r: any) => r.id === 'no-sev1').status;
      }, 'fail');

      const history = await get(
        '/entities/default/component/payments-api/history',
      ).expect(200);
      expect(history.body.items[0]).toMatchObject({
        ruleId: 'no-sev1',
        from: 'pass',
        to: 'fail',
      });
      const changes = await get('/compliance/changes').expect(200);
      expect(changes.body.items).toContainEqual(
        expect.objectContaining({
          entityRef: 'component:default/payments-api',
          ruleId: 'no-sev1',
          to: 'fail',
        }),
      );
      const compliance = await get('/compliance?owner=payments-team').expect(
        200,
      );
      const payments = compliance.body.items.find((row: any) =>
        row.entityRef.endsWith('payments-api'),
      );
      expect(payments.regressions).toEqual(['no-sev1']);
      expect(payments.readiness).toBe('blocked');
    });

    it('describes the rules with their pass rates, and the facts they can use', async () => {
      const rules = await get('/rules').expect(200);
      expect(rules.body.levels).toEqual(['bronze', 'silver']);
      expect(rules.body.rules.map((r: any) => r.id)).toEqual([
        'coverage',
        'gitops',
        'no-sev1',
      ]);
      expect(rules.body.rules[1]).toMatchObject({
        severity: 'blocking',
        exemptions: [
          expect.objectContaining({
            entity: 'component:default/ledger-service',
          }),
        ],
        totals: expect.objectContaining({ pass: 1, exempt: 1 }),
      });
      const facts = await get('/rules/facts').expect(200);
      expect(facts.body.facts.map((f: any) => f.name)).toContain(
        'deployment.gitops',
      );
      expect(facts.body.patterns.map((f: any) => f.name)).toContain(
        'gate.<gate>.<metric>',
      );
    });

    it('lists flags across the organisation with stale counts per team', async () => {
      const flag = (key: string, ageDays: number, overrides: object = {}) => ({
        key,
        type: 'release',
        temporary: true,
        createdAt: iso(-ageDays * DAY),
        environments: [{ name: 'production', enabled: true }],
        ...overrides,
      });
      await request(server)
        .put(`${API}/ingest/flags`)
        .set('Authorization', SERVICE)
        .send({
          entityRef: 'component:default/payments-api',
          provider: 'unleash',
          flags: [
            flag('old-release', 60),
            flag('fresh', 3),
            flag('off', 90, { environments: [] }),
          ],
        })
        .expect(202);
      await request(server)
        .put(`${API}/ingest/flags`)
        .set('Authorization', SERVICE)
        .send({
          entityRef: 'component:default/cart-service',
          provider: 'launchdarkly',
          flags: [flag('kill', 400, { type: 'kill-switch', temporary: false })],
        })
        .expect(202);

      const stale = await get('/flags?stale=true').expect(200);
      expect(
        stale.body.items.map((f: any) => [f.key, f.stale, f.staleReason]),
      ).toEqual([
        ['old-release', true, expect.stringContaining('older than 40 days')],
        ['off', true, expect.stringContaining('older than 40 days')],
      ]);
      expect(stale.body.totalCount).toBe(2);

      const all = await get('/flags').expect(200);
      expect(all.body.totalCount).toBe(4);
      expect(all.body.owners).toEqual([
        // 'off' is stale but not active: only active stale flags count as stale.
        { owner: 'group:default/payments-team', total: 3, active: 2, stale: 1 },
        { owner: 'group:default/checkout-team', total: 1, active: 1, stale: 0 },
      ]);
      const byTeam = await get(
        '/flags?owner=checkout-team&provider=launchdarkly',
      ).expect(200);
      expect(byTeam.body.items.map((f: any) => [f.key, f.entityOwner])).toEqual(
        [['kill', 'group:default/checkout-team']],
      );
      await get('/flags?type=sometimes').expect(400);
    });

    it('refuses anonymous callers and hides unknown entities', async () => {
      for (const path of [
        '/compliance',
        '/rules',
        '/flags',
        '/entities/default/component/payments-api/scorecard',
      ]) {
        await request(server)
          .get(`${API}${path}`)
          .set('Authorization', mockCredentials.none.header())
          .expect(401);
      }
      await get('/entities/default/component/nope/scorecard').expect(404);
      await get('/entities/default/component/nope/dora').expect(404);
      await get('/owners/default/group/nope/dora').expect(404);
    });
  },
);

describe('scorecard API permissions', () => {
  it('refuses the compliance view to a user the policy denies', async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestPlugin({
      knex,
      config: RULES_CONFIG,
      features: [
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const { server } = backend;
    await request(server)
      .get(`${API}/compliance`)
      .set('Authorization', USER)
      .expect(403);
    await request(server)
      .get(`${API}/flags`)
      .set('Authorization', USER)
      .expect(403);
    await request(server)
      .post(`${API}/evaluate`)
      .set('Authorization', USER)
      .send({})
      .expect(403);
    await backend.stop();
  });
});
