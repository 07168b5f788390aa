import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';

jest.setTimeout(120_000);

/*
 * The DORA roll-up of an owner counts and pools the entities of the
 * evaluated kinds only: a team's system, API or database is not a service,
 * even when the catalog copy holds it (systems for filters, others because
 * data arrived for them).
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header();
const TEAM = 'group:default/team-x';

const owned = (kind: string, name: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { type, owner: TEAM, lifecycle: 'production' },
});

const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-x', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  owned('Component', 'svc-x', 'service'),
  owned('System', 'sys-x', 'product'),
  owned('API', 'api-x', 'openapi'),
  owned('Resource', 'db-x', 'database'),
];

/** Refs that have a deployment each. */
const DEPLOYED = [
  'component:default/svc-x',
  'api:default/api-x',
  'resource:default/db-x',
];

describe.each(databases.eachSupportedId())(
  'owner DORA roll-up on %s',
  databaseId => {
    /** Starts the plugin with `kinds` evaluated, copies the catalog, pushes a deployment per ref. */
    async function startWithData(kinds?: string[]) {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestPlugin({
        knex,
        entities: ENTITIES,
        config: {
          evaluation: {
            ...(kinds ? { kinds } : {}),
            schedule: {
              frequency: { hours: 24 },
              timeout: { minutes: 5 },
              initialDelay: { hours: 12 },
            },
          },
        },
      });
      const { server } = backend;
      const finishedAt = new Date(Date.now() - 3_600_000).toISOString();
      for (const entityRef of DEPLOYED) {
        await request(server)
          .post(`${API}/ingest/deployments`)
          .set('Authorization', SERVICE)
          .send({
            deployments: [
              {
                id: `deploy-${entityRef}`,
                entityRef,
                environment: 'production',
                revision: 'abc',
                strategy: 'rolling',
                gitops: false,
                status: 'succeeded',
                startedAt: finishedAt,
                finishedAt,
              },
            ],
          })
          .expect(202);
      }
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', USER)
        .send({})
        .expect(202);
      // The catalog copy holds the team, its service and system (the full
      // refresh) and the API and database (evaluations after their data).
      const deadline = Date.now() + 30_000;
      const expected = [TEAM, 'system:default/sys-x', ...DEPLOYED].sort();
      let copied: string[] = [];
      while (Date.now() < deadline) {
        copied = (await knex('catalog_entities').pluck('entity_ref')).sort();
        if (JSON.stringify(copied) === JSON.stringify(expected)) {
          break;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      expect(copied).toEqual(expected);
      return {
        server,
        stop: async () => {
          await backend.stop();
          await knex.destroy();
        },
      };
    }

    const teamDora = async (server: any) =>
      (
        await request(server)
          .get(`${API}/owners/default/group/team-x/dora`)
          .set('Authorization', USER)
          .expect(200)
      ).body;

    it('counts only components by default', async () => {
      const backend = await startWithData();
      try {
        expect(await teamDora(backend.server)).toMatchObject({
          ownerRef: TEAM,
          entityCount: 1,
          deploymentFrequency: { deployments: 1 },
        });
      } finally {
        await backend.stop();
      }
    });

    it('counts the kinds releaseScorecard.evaluation.kinds names', async () => {
      const backend = await startWithData(['Component', 'API']);
      try {
        expect(await teamDora(backend.server)).toMatchObject({
          ownerRef: TEAM,
          entityCount: 2,
          deploymentFrequency: { deployments: 2 },
        });
      } finally {
        await backend.stop();
      }
    });
  },
);
