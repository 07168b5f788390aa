import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  FactProvider,
  FlagProvider,
  releaseScorecardFactProvidersExtensionPoint,
  releaseScorecardFlagProvidersExtensionPoint,
  releaseScorecardWebhookSourcesExtensionPoint,
  verifyBearerToken,
  WebhookSource,
} from '@internal/plugin-release-scorecard-node';
import request from 'supertest';
import { startTestPlugin } from './__testUtils__/startTestPlugin';
import { testEntities } from './__testUtils__/testEntities';

/*
 * A module adds a webhook source, a flag provider and a fact provider
 * through the extension points, as an adopter's module would, and each works
 * in the running plugin.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SERVICE = mockCredentials.service.header();
const API = '/api/release-scorecard';

/** A deploy tool that posts `{ "app": …, "sha": …, "at": … }` with a bearer token. */
const shipItSource: WebhookSource = {
  name: 'shipit',
  verify: verifyBearerToken,
  map: delivery => {
    const body = JSON.parse(delivery.rawBody.toString('utf8'));
    return {
      kind: 'event',
      event: {
        eventType: 'shipit.deployed',
        lookup: {
          type: 'entityRef',
          entityRef: `component:default/${body.app}`,
        },
        deployments: [
          {
            id: body.sha,
            environment: 'production',
            revision: body.sha,
            strategy: 'canary',
            gitops: false,
            status: 'succeeded',
            startedAt: body.at,
            finishedAt: body.at,
          },
        ],
      },
    };
  },
};

/** Monthly cloud cost per service, from a cost tool. */
const costProvider: FactProvider = {
  id: 'cost',
  facts: [
    {
      name: 'cost.monthlyUsd',
      type: 'number',
      description: 'Cloud cost of the service last month, in US dollars.',
    },
  ],
  async collect(entities) {
    return new Map(
      entities
        .filter(entity => entity.entityRef.endsWith('/payments-api'))
        .map(entity => [entity.entityRef, { 'cost.monthlyUsd': 1200 }]),
    );
  },
};

const configCatProvider: FlagProvider = {
  id: 'configcat',
  displayName: 'ConfigCat',
  annotation: 'configcat.com/product-id',
  createClient: ({ config }) => ({
    provider: 'configcat',
    annotation: 'configcat.com/product-id',
    fetchProjectFlags: async () => [
      {
        key: `from-${config.getString('workspace')}`,
        provider: 'configcat',
        type: 'release',
        temporary: true,
        archived: false,
        environments: [{ name: 'production', enabled: true }],
        stale: false,
      },
    ],
  }),
};

const adoptersModule = createBackendModule({
  pluginId: 'release-scorecard',
  moduleId: 'adopters-tools',
  register(env) {
    env.registerInit({
      deps: {
        sources: releaseScorecardWebhookSourcesExtensionPoint,
        flags: releaseScorecardFlagProvidersExtensionPoint,
        facts: releaseScorecardFactProvidersExtensionPoint,
      },
      async init({ sources, flags, facts }) {
        sources.addWebhookSource(shipItSource);
        flags.addFlagProvider(configCatProvider);
        facts.addFactProvider(costProvider);
      },
    });
  },
});

describe.each(databases.eachSupportedId())(
  'extension points on %s',
  databaseId => {
    it('serves a module source, its facts in rules, its flag provider', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestPlugin({
        knex,
        features: [adoptersModule],
        entities: testEntities.map(entity =>
          entity.metadata.name === 'payments-api'
            ? {
                ...entity,
                metadata: {
                  ...entity.metadata,
                  annotations: {
                    ...entity.metadata.annotations,
                    'configcat.com/product-id': 'checkout',
                  },
                },
              }
            : entity,
        ),
        config: {
          webhooks: { shipit: { secret: 'shipit-token' } },
          flags: { configcat: { workspace: 'acme', schedule: { seconds: 1 } } },
          rules: [
            {
              id: 'cost',
              title: 'Costs at most 1000 USD a month',
              check: { fact: 'cost.monthlyUsd', op: 'lte', value: 1000 },
            },
          ],
        },
      });
      const { server } = backend;

      // The module's webhook source: signed by its own rule, stored.
      await request(server)
        .post(`${API}/webhooks/shipit`)
        .set('Content-Type', 'application/json')
        .send({
          app: 'payments-api',
          sha: 'abc123',
          at: '2026-11-20T10:00:00Z',
        })
        .expect(401);
      await request(server)
        .post(`${API}/webhooks/shipit`)
        .set('Authorization', 'Bearer shipit-token')
        .set('Content-Type', 'application/json')
        .send({
          app: 'payments-api',
          sha: 'abc123',
          at: '2026-11-20T10:00:00Z',
        })
        .expect(202);
      const deployments = await request(server)
        .get(`${API}/entities/default/component/payments-api/deployments`)
        .set('Authorization', SERVICE)
        .expect(200);
      expect(deployments.body.items).toEqual([
        expect.objectContaining({ id: 'abc123', source: 'shipit' }),
      ]);

      // The module's facts: listed, and a rule on them evaluated.
      const facts = await request(server)
        .get(`${API}/rules/facts`)
        .set('Authorization', SERVICE)
        .expect(200);
      expect(facts.body.facts).toContainEqual(
        expect.objectContaining({ name: 'cost.monthlyUsd' }),
      );
      const scorecard = await request(server)
        .get(`${API}/entities/default/component/payments-api/scorecard`)
        .set('Authorization', SERVICE)
        .expect(200);
      expect(scorecard.body.rules).toEqual([
        expect.objectContaining({ id: 'cost', status: 'fail', actual: 1200 }),
      ]);
      const ledger = await request(server)
        .get(`${API}/entities/default/component/ledger-service/scorecard`)
        .set('Authorization', SERVICE)
        .expect(200);
      expect(ledger.body.rules[0].status).toBe('no-data');

      // The module's flag provider is polled like the built-in ones.
      const deadline = Date.now() + 20_000;
      let flags: any[] = [];
      while (flags.length === 0 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 250));
        flags = (
          await request(server)
            .get(`${API}/entities/default/component/payments-api/flags`)
            .set('Authorization', SERVICE)
            .expect(200)
        ).body.items;
      }
      expect(flags).toEqual([
        expect.objectContaining({ key: 'from-acme', provider: 'configcat' }),
      ]);
      await backend.stop();
      await knex.destroy();
    });

    it('refuses a flag provider that is configured but not installed', async () => {
      const knex = await databases.init(databaseId as TestDatabaseId);
      await expect(
        startTestPlugin({
          knex,
          config: { flags: { configcat: { workspace: 'acme' } } },
        }),
      ).rejects.toThrow(
        "Invalid config at 'releaseScorecard.flags.configcat': no flag provider 'configcat' is installed",
      );
      await knex.destroy();
    });
  },
);
