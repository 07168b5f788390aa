import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { sendWebhook } from '../__testUtils__/webhookDeliveries';
import { readJsonFixture } from '../webhooks/__fixtures__/fixtures';

/*
 * What the push API and webhooks accept: every list names each thing once,
 * shas are one commit in any case, and times lie in a plausible range. Bad
 * input is a 400 that names the field and stores nothing; never a 5xx.
 */

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SERVICE = mockCredentials.service.header();
const API = '/api/release-scorecard';
const ENTITY = 'component:default/payments-api';
const HOUR = 3_600_000;

const deployment = (overrides: Record<string, unknown> = {}) => ({
  id: 'deploy-42',
  entityRef: ENTITY,
  environment: 'production',
  revision: '9f1c2ab',
  strategy: 'canary',
  gitops: true,
  status: 'succeeded',
  startedAt: '2026-11-20T10:00:00Z',
  finishedAt: '2026-11-20T10:20:00Z',
  commits: [{ sha: '9f1c2ab', committedAt: '2026-11-19T16:00:00Z' }],
  ...overrides,
});

const run = (overrides: Record<string, unknown> = {}) => ({
  id: 'run-1',
  entityRef: ENTITY,
  revision: '9f1c2ab',
  startedAt: '2026-11-20T09:00:00Z',
  finishedAt: '2026-11-20T09:30:00Z',
  gates: [{ gate: 'unit-tests', status: 'passed' }],
  ...overrides,
});

const incident = (overrides: Record<string, unknown> = {}) => ({
  id: 'inc-1',
  entityRef: ENTITY,
  title: 'Checkout errors',
  severity: 'sev2',
  status: 'open',
  openedAt: '2026-11-20T11:00:00Z',
  ...overrides,
});

const flag = (overrides: Record<string, unknown> = {}) => ({
  key: 'new-checkout',
  type: 'release',
  temporary: true,
  environments: [{ name: 'production', enabled: true }],
  ...overrides,
});

/** What a body counts as stored, read straight from the database. */
async function storedCounts(knex: Knex) {
  const counts: Record<string, number> = {};
  for (const table of [
    'deployments',
    'deployment_commits',
    'pipeline_runs',
    'incidents',
    'flags',
  ]) {
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}

describe.each(databases.eachSupportedId())('ingest rules on %s', databaseId => {
  let knex: Knex;
  let server: any;
  let stop: () => Promise<void>;

  // Flags are a snapshot: PUT replaces the provider's flags of the entity.
  const push = (path: string, body: unknown) =>
    request(server)
      [path === 'flags' ? 'put' : 'post'](`${API}/ingest/${path}`)
      .set('Authorization', SERVICE)
      .send(body as object);

  async function start(config = {}) {
    knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startTestPlugin({ knex, config });
    server = backend.server;
    stop = async () => {
      await backend.stop();
      await knex.destroy();
    };
  }

  afterEach(() => stop());

  describe('lists', () => {
    beforeEach(() => start());

    it('refuses a deployment that lists a commit twice, in any case', async () => {
      for (const [first, second] of [
        ['9f1c2ab', '9f1c2ab'],
        ['ABCDEF1', 'abcdef1'],
      ]) {
        const response = await push('deployments', {
          deployments: [
            deployment({
              commits: [
                { sha: first, committedAt: '2026-11-19T16:00:00Z' },
                { sha: 'other', committedAt: '2026-11-19T17:00:00Z' },
                { sha: second, committedAt: '2026-11-19T16:00:00Z' },
              ],
            }),
          ],
        });
        expect(response.status).toBe(400);
        expect(response.body.error.message).toContain(
          'deployments[0].commits[2].sha',
        );
        expect(response.body.error.message).toContain('appears twice');
        expect(JSON.stringify(response.body)).not.toMatch(
          /UNIQUE|constraint|insert into/i,
        );
      }
      expect(await storedCounts(knex)).toMatchObject({
        deployments: 0,
        deployment_commits: 0,
      });
    });

    it('stores shas in lower case, so one commit is one commit', async () => {
      await push('deployments', {
        deployments: [
          deployment({
            commits: [{ sha: 'ABCDEF1', committedAt: '2026-11-19T16:00:00Z' }],
          }),
        ],
      }).expect(202);
      await push('deployments', {
        deployments: [
          deployment({
            commits: [{ sha: 'abcdef1', committedAt: '2026-11-19T16:00:00Z' }],
          }),
        ],
      }).expect(202);
      expect(await knex('deployment_commits').select('sha')).toEqual([
        { sha: 'abcdef1' },
      ]);
    });

    it('merges a commit an Argo CD notification lists twice', async () => {
      const body = readJsonFixture('argocd', 'app.on-sync-succeeded.json');
      body.app.metadata.name = 'payments-api';
      body.commits = [
        { sha: 'AAAA111', committedAt: '2024-05-20T10:00:00Z' },
        { sha: 'aaaa111', committedAt: '2024-05-20T09:00:00Z' },
      ];
      const response = await sendWebhook(server, {
        source: 'argocd',
        body: Buffer.from(JSON.stringify(body)),
      });
      expect(response.status).toBe(202);
      const commits = await knex('deployment_commits').select(
        'sha',
        'committed_at',
      );
      expect(commits).toEqual([
        {
          sha: 'aaaa111',
          committed_at: expect.anything(),
        },
      ]);
      expect(Number(commits[0].committed_at)).toBe(
        Date.parse('2024-05-20T09:00:00Z'),
      );
    });

    it('refuses a run, a flag or a snapshot that names a thing twice', async () => {
      const runResponse = await push('pipelines', {
        runs: [
          run({
            gates: [
              { gate: 'unit-tests', status: 'passed' },
              { gate: 'unit-tests', status: 'failed' },
            ],
          }),
        ],
      });
      expect(runResponse.status).toBe(400);
      expect(runResponse.body.error.message).toContain('runs[0].gates[1].gate');

      const environments = await push('flags', {
        entityRef: ENTITY,
        provider: 'unleash',
        flags: [
          flag({
            environments: [
              { name: 'production', enabled: true },
              { name: 'production', enabled: false },
            ],
          }),
        ],
      });
      expect(environments.status).toBe(400);
      expect(environments.body.error.message).toContain(
        'flags[0].environments[1].name',
      );

      const keys = await push('flags', {
        entityRef: ENTITY,
        provider: 'unleash',
        flags: [flag(), flag({ temporary: false })],
      });
      expect(keys.status).toBe(400);
      expect(keys.body.error.message).toContain('flags[1].key');
      expect(await storedCounts(knex)).toMatchObject({
        pipeline_runs: 0,
        flags: 0,
      });
    });

    it('merges a batch that delivers the same record twice', async () => {
      const response = await push('deployments', {
        deployments: [
          deployment({ status: 'in-progress', finishedAt: undefined }),
          deployment(),
        ],
      });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ accepted: 1, updated: 0 });
      const rows = await knex('deployments').select('status');
      expect(rows).toEqual([{ status: 'succeeded' }]);
    });
  });

  describe('times', () => {
    it('refuses times before 2000 or more than a day ahead, naming the field', async () => {
      await start();
      const now = Date.now();
      const cases: Array<[string, unknown, string]> = [
        [
          'deployments',
          { deployments: [deployment({ startedAt: '0000-01-01T00:00:00Z' })] },
          'deployments[0].startedAt',
        ],
        [
          'deployments',
          {
            deployments: [
              deployment({
                startedAt: '2058-01-01T00:00:00Z',
                finishedAt: '2058-01-01T00:10:00Z',
              }),
            ],
          },
          'deployments[0].startedAt',
        ],
        [
          'deployments',
          {
            deployments: [
              deployment({
                commits: [{ sha: 'a1', committedAt: '1999-12-31T23:59:59Z' }],
              }),
            ],
          },
          'deployments[0].commits[0].committedAt',
        ],
        [
          'incidents',
          { incidents: [incident({ openedAt: '1970-01-01T00:00:00Z' })] },
          'incidents[0].openedAt',
        ],
        [
          'pipelines',
          {
            runs: [
              run({
                finishedAt: new Date(now + 25 * HOUR).toISOString(),
              }),
            ],
          },
          'runs[0].finishedAt',
        ],
        [
          'flags',
          {
            entityRef: ENTITY,
            provider: 'unleash',
            flags: [flag({ createdAt: '1900-01-01T00:00:00Z' })],
          },
          'flags[0].createdAt',
        ],
      ];
      for (const [path, body, field] of cases) {
        const response = await push(path, body);
        expect({ field, status: response.status }).toEqual({
          field,
          status: 400,
        });
        expect(response.body.error.message).toContain(field);
      }
      expect(await storedCounts(knex)).toEqual({
        deployments: 0,
        deployment_commits: 0,
        pipeline_runs: 0,
        incidents: 0,
        flags: 0,
      });

      // Clock skew of a few hours is fine.
      const soon = new Date(now + 23 * HOUR).toISOString();
      await push('deployments', {
        deployments: [deployment({ startedAt: soon, finishedAt: soon })],
      }).expect(202);
    });

    it('applies the range to webhook payloads too', async () => {
      await start();
      const body = readJsonFixture('pagerduty', 'incident.triggered.json');
      body.event.data.service.id = 'PPAYAPI';
      body.event.data.created_at = '2058-05-21T09:41:07Z';
      const response = await sendWebhook(server, {
        source: 'pagerduty',
        body: Buffer.from(JSON.stringify(body)),
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('incidents[0].openedAt');
      expect((await storedCounts(knex)).incidents).toBe(0);
    });

    it('takes the range from configuration', async () => {
      await start({
        ingest: {
          acceptedTimes: { earliest: '1990-01-01', maxFutureHours: 0 },
        },
      });
      await push('deployments', {
        deployments: [
          deployment({
            startedAt: '1995-01-01T00:00:00Z',
            finishedAt: '1995-01-01T00:10:00Z',
            commits: [],
          }),
        ],
      }).expect(202);
      const inAnHour = new Date(Date.now() + HOUR).toISOString();
      const response = await push('deployments', {
        deployments: [
          deployment({ id: 'd2', startedAt: inAnHour, finishedAt: inAnHour }),
        ],
      });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('0 hours in the future');
    });
  });

  describe('duplicates in every list of every payload', () => {
    beforeEach(() => start());

    /**
     * Each push body with its lists, and how to put a copy (possibly with a
     * different case, or other fields) of one item at the end of one list.
     */
    const payloads: Array<{
      path: string;
      body: () => any;
      lists: Array<(body: any) => any[]>;
    }> = [
      {
        path: 'deployments',
        body: () => ({
          deployments: [
            deployment(),
            deployment({
              id: 'deploy-43',
              commits: [
                { sha: 'aa11', committedAt: '2026-11-19T10:00:00Z' },
                { sha: 'bb22', committedAt: '2026-11-19T11:00:00Z' },
              ],
            }),
          ],
        }),
        lists: [b => b.deployments, b => b.deployments[1].commits],
      },
      {
        path: 'pipelines',
        body: () => ({
          runs: [
            run({
              gates: [
                { gate: 'unit-tests', status: 'passed' },
                { gate: 'load-test', status: 'failed' },
              ],
            }),
          ],
        }),
        lists: [b => b.runs, b => b.runs[0].gates],
      },
      {
        path: 'incidents',
        body: () => ({ incidents: [incident(), incident({ id: 'inc-2' })] }),
        lists: [b => b.incidents],
      },
      {
        path: 'flags',
        body: () => ({
          entityRef: ENTITY,
          provider: 'unleash',
          flags: [
            flag({
              environments: [
                { name: 'production', enabled: true },
                { name: 'staging', enabled: false },
              ],
            }),
            flag({ key: 'dark-mode' }),
          ],
        }),
        lists: [b => b.flags, b => b.flags[0].environments],
      },
    ];

    it('merges or refuses with a 400 naming the item, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: payloads.length - 1 }),
          fc.nat(),
          fc.nat(),
          fc.boolean(),
          async (payloadIndex, listIndex, itemIndex, upperCase) => {
            const payload = payloads[payloadIndex];
            const body = payload.body();
            const list = payload.lists[listIndex % payload.lists.length](body);
            const copy = JSON.parse(
              JSON.stringify(list[itemIndex % list.length]),
            );
            if (upperCase && typeof copy.sha === 'string') {
              copy.sha = copy.sha.toUpperCase();
            }
            list.push(copy);
            const response = await push(payload.path, body);
            // Merged (202), or refused with a message that points at the
            // copy, the last item of its list.
            const outcome =
              response.status === 202
                ? 'merged'
                : `${response.status} ${response.body.error?.message}`;
            expect(outcome).toMatch(
              new RegExp(
                `^(merged|400 .*\\[${list.length - 1}\\].*appears twice)`,
              ),
            );
          },
        ),
        { numRuns: 40 },
      );
      // Whatever was accepted is stored once per identity.
      const duplicates = await knex('deployments')
        .groupBy('entity_ref', 'source', 'external_id')
        .having(knex.raw('COUNT(*) > 1'))
        .select('external_id');
      expect(duplicates).toEqual([]);
    });
  });
});
