import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { randomBytes } from 'crypto';
import fs from 'fs';
import knexFactory, { Knex } from 'knex';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { countRowsPerTable, dumpEvidence } from '../__testUtils__/databaseRows';
import { declaredRoutes, routePath } from '../__testUtils__/declaredRoutes';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { TcpProxy } from '../__testUtils__/TcpProxy';
import { testEntities } from '../__testUtils__/testEntities';
import {
  sendWebhook,
  validWebhookDelivery,
} from '../__testUtils__/webhookDeliveries';
import { DatabaseFlagStore } from '../database/DatabaseFlagStore';
import { applyDatabaseMigrations } from '../database/migrations';
import { LaunchDarklyClient } from '../flags/LaunchDarklyClient';
import { UnleashClient } from '../flags/UnleashClient';
import { FlagProviderSync } from '../ingest/FlagProviderSync';
import ldEnvironments from '../flags/__fixtures__/launchdarkly/environments.json';
import ldFlagsPage1 from '../flags/__fixtures__/launchdarkly/flags-page-1.json';
import ldFlagsPage2 from '../flags/__fixtures__/launchdarkly/flags-page-2.json';
import unleashFeatureLegacySearch from '../flags/__fixtures__/unleash/feature-legacy-search.json';
import unleashFeatureNewCheckout from '../flags/__fixtures__/unleash/feature-new-checkout.json';
import unleashSearchPage1 from '../flags/__fixtures__/unleash/search-page-1.json';
import unleashSearchPage2 from '../flags/__fixtures__/unleash/search-page-2.json';

jest.setTimeout(120_000);

/*
 * Faults: the database goes away and comes back, connections die in the
 * middle of a batch, a flag provider fails or hangs, the backend restarts.
 * Callers get 503 (never a half-written batch), the backend recovers on its
 * own, and nothing acknowledged is lost.
 */

const API = '/api/release-scorecard';
const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header();
const PAYMENTS_API = 'component:default/payments-api';
const PAYMENTS_API_PATH = '/entities/default/component/payments-api';

const POSTGRES_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const describeOnPostgres = POSTGRES_URL ? describe : describe.skip;

function deployment(id: string, commits = 1) {
  return {
    id,
    entityRef: PAYMENTS_API,
    environment: 'production',
    revision: `rev-${id}`,
    strategy: 'canary',
    gitops: true,
    status: 'succeeded',
    startedAt: '2026-11-20T10:00:00Z',
    finishedAt: '2026-11-20T10:20:00Z',
    commits: Array.from({ length: commits }, (_, index) => ({
      sha: `${id}-c${index}`,
      committedAt: '2026-11-19T16:00:00Z',
    })),
  };
}

const pushDeployments = (server: any, deployments: object[]) =>
  request(server)
    .post(`${API}/ingest/deployments`)
    .set('Authorization', SERVICE)
    .send({ deployments });

/** The answer a caller gets while the database is unavailable. */
function expectServiceUnavailable(response: request.Response, what: string) {
  expect({ what, status: response.status, error: response.body.error }).toEqual(
    {
      what,
      status: 503,
      error: {
        name: 'ServiceUnavailableError',
        message: 'The database is unavailable; try again shortly',
      },
    },
  );
  // Backstage's error shape, without the driver's words or addresses.
  expect(response.body.response).toEqual({ statusCode: 503 });
  expect(JSON.stringify(response.body)).not.toMatch(
    /ECONN|127\.0\.0\.1|5432|knex|pg_|terminat|\n\s+at /i,
  );
}

// ------------------------------------------------------------ PostgreSQL

/** A database of this test's own, reached through `port`, dropped afterwards. */
class OwnPostgresDatabase {
  readonly name = `release_scorecard_faults_${randomBytes(6).toString('hex')}`;
  readonly admin: Knex;
  private readonly url = new URL(POSTGRES_URL ?? 'postgresql://localhost');

  constructor() {
    this.admin = knexFactory({
      client: 'pg',
      connection: { ...this.connection(), database: 'postgres' },
      pool: { min: 0, max: 2 },
    });
  }

  get host() {
    return this.url.hostname;
  }

  get port() {
    return Number(this.url.port || 5432);
  }

  connection(port = this.port) {
    return {
      host: this.host,
      port,
      user: decodeURIComponent(this.url.username || 'postgres'),
      password: decodeURIComponent(this.url.password),
    };
  }

  async create() {
    await this.admin.raw('CREATE DATABASE ??', [this.name]);
  }

  /** A knex of the plugin's kind, fast to notice that the database is gone. */
  knex(port = this.port): Knex {
    return knexFactory({
      client: 'pg',
      connection: { ...this.connection(port), database: this.name },
      pool: { min: 0, max: 5, acquireTimeoutMillis: 5000 },
      acquireConnectionTimeout: 5000,
      // The lost connections are the point here; knex would print each one.
      log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    });
  }

  /** Ends the plugin's connections to this database (and only this one). */
  async terminateConnections(): Promise<number> {
    const result = await this.admin.raw(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()',
      [this.name],
    );
    return result.rows.length;
  }

  async drop() {
    await this.admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [
      this.name,
    ]);
    await this.admin.destroy();
  }
}

describeOnPostgres('when PostgreSQL is unreachable', () => {
  const database = new OwnPostgresDatabase();
  let proxy: TcpProxy;
  let knex: Knex;
  let server: any;
  const unhandledRejections: unknown[] = [];
  const onUnhandledRejection = (reason: unknown) =>
    unhandledRejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandledRejection);
    await database.create();
    proxy = new TcpProxy({ host: database.host, port: database.port });
    await proxy.open();
    knex = database.knex(proxy.port);
    ({ server } = await startTestPlugin({ knex }));
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandledRejection);
    await proxy.close();
    await knex.destroy();
    await database.drop();
  });

  it('answers 503 while the database is away, writes nothing, and recovers without a restart', async () => {
    await pushDeployments(server, [deployment('before-outage')]).expect(202);
    const before = await countRowsPerTable(knex);

    await proxy.close();

    let tried = 0;
    let refused = 0;
    const tally = (response: request.Response) => {
      tried += 1;
      refused += response.status === 503 ? 1 : 0;
      return response;
    };
    const duringOutage = [
      deployment('during-outage-1', 3),
      deployment('during-outage-2', 3),
    ];
    expectServiceUnavailable(
      tally(await pushDeployments(server, duringOutage)),
      'push',
    );
    expectServiceUnavailable(
      tally(await sendWebhook(server, validWebhookDelivery('github'))),
      'webhook',
    );
    const getRoutes = (await declaredRoutes()).filter(
      route => route.method === 'get',
    );
    const reads: request.Response[] = [];
    for (const route of getRoutes) {
      const routeUrl = routePath(route, {
        namespace: 'default',
        kind: route.path.startsWith('/owners') ? 'group' : 'component',
        name: route.path.startsWith('/owners')
          ? 'payments-team'
          : 'payments-api',
      });
      const response = tally(
        await request(server)
          .get(`${API}${routeUrl}`)
          .set('Authorization', USER),
      );
      reads.push(response);
    }
    // Every read needs the database but the fact list.
    expect(reads.map(response => response.status)).toEqual(
      getRoutes.map(route => (route.path === '/rules/facts' ? 200 : 503)),
    );
    reads
      .filter(response => response.status === 503)
      .forEach(response => expectServiceUnavailable(response, 'GET'));
    // Accepted at once, evaluated in the background: it must not crash the
    // backend when the database is away.
    await request(server)
      .post(`${API}/evaluate`)
      .set('Authorization', USER)
      .send({})
      .expect(202);

    await proxy.open();

    // Nothing of the refused batch was written.
    expect(await countRowsPerTable(knex)).toEqual(before);
    // The same batch goes through now, whole, on the first attempt.
    const retried = await pushDeployments(server, duringOutage);
    expect(retried.status).toBe(202);
    expect(retried.body).toEqual({ accepted: 2, updated: 0 });
    const stored = await request(server)
      .get(`${API}${PAYMENTS_API_PATH}/deployments`)
      .set('Authorization', USER)
      .expect(200);
    expect(stored.body.items.map((d: any) => d.id).sort()).toEqual([
      'before-outage',
      'during-outage-1',
      'during-outage-2',
    ]);
    expect(
      stored.body.items.find((d: any) => d.id === 'during-outage-1').commits,
    ).toHaveLength(3);
    await sendWebhook(server, validWebhookDelivery('github')).expect(202);
    expect(unhandledRejections).toEqual([]);
    const after = await countRowsPerTable(knex);
    // eslint-disable-next-line no-console
    console.log(
      `PostgreSQL unreachable: requests tried ${tried}, refused with 503 ${refused}, stored 0 while away; ` +
        `after recovery the batch was stored (${
          after.deployments - before.deployments
        } deployments), lost 0`,
    );
  });
});

describeOnPostgres('when connections die in the middle of a batch', () => {
  const database = new OwnPostgresDatabase();
  let proxy: TcpProxy;
  let knex: Knex;
  let server: any;

  beforeAll(async () => {
    await database.create();
    proxy = new TcpProxy({ host: database.host, port: database.port });
    await proxy.open();
    knex = database.knex(proxy.port);
    ({ server } = await startTestPlugin({ knex }));
  });

  afterAll(async () => {
    await proxy.close();
    await knex.destroy();
    await database.drop();
  });

  it('answers 503, stores none of the batch, and takes the next batch', async () => {
    await pushDeployments(server, [deployment('first')]).expect(202);
    const before = await countRowsPerTable(knex);

    // 300 deployments with 10 commits each: 15 inserts of commits. When the
    // first of them is about to be sent, the database ends every connection
    // of this test's database; the insert reaches it only afterwards.
    const large = Array.from({ length: 300 }, (_, index) =>
      deployment(`large-${index}`, 10),
    );
    let terminated: Promise<number> | undefined;
    const killOnFirstCommitInsert = (query: { sql: string }) => {
      if (
        !terminated &&
        query.sql.startsWith('insert into "deployment_commits"')
      ) {
        proxy.hold();
        terminated = database
          .terminateConnections()
          .finally(() => setTimeout(() => proxy.release(), 50));
      }
    };
    knex.on('query', killOnFirstCommitInsert);
    const response = await pushDeployments(server, large);
    knex.off('query', killOnFirstCommitInsert);

    expect(terminated).toBeDefined();
    expect(await terminated).toBeGreaterThan(0);
    expectServiceUnavailable(response, 'large batch');
    expect(await countRowsPerTable(knex)).toEqual(before);

    // The next batch, and the large one again, go through.
    await pushDeployments(server, [deployment('next')]).expect(202);
    const again = await pushDeployments(server, large);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ accepted: 300, updated: 0 });
    const counts = await countRowsPerTable(knex);
    expect(counts.deployments).toBe(before.deployments + 301);
    expect(counts.deployment_commits).toBe(before.deployment_commits + 3001);
    // eslint-disable-next-line no-console
    console.log(
      `Connections killed mid-batch: ${await terminated} connections ended; batch of 300 refused with 503, stored 0 of it; ` +
        `next batch and the resent batch stored (${
          counts.deployments - before.deployments
        } deployments), lost 0`,
    );
  });
});

// --------------------------------------------------------------- flags

const UNLEASH = 'https://unleash.faults.example.com';
const LAUNCHDARKLY = 'https://launchdarkly.faults.example.com';

/** Services that take their flags from both providers. */
const flagEntities: Entity[] = testEntities.map(entity =>
  entity.metadata.name === 'payments-api'
    ? {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            'unleash.io/project-id': 'payments',
            'launchdarkly.com/project-key': 'checkout',
          },
        },
      }
    : entity,
);

type ProviderBehaviour = 'healthy' | 'failing' | 'hanging';

/** Unleash and LaunchDarkly as msw handlers, each healthy, failing (500) or hanging. */
function flagProviderHandlers(behaviour: {
  unleash: ProviderBehaviour;
  launchdarkly: ProviderBehaviour;
}) {
  const misbehave = async (mode: ProviderBehaviour, signal: AbortSignal) => {
    if (mode === 'failing') {
      return HttpResponse.json({ message: 'Internal error' }, { status: 500 });
    }
    if (mode === 'hanging') {
      // Until the client gives up (its time-out aborts the request).
      await new Promise<void>(resolve =>
        signal.addEventListener('abort', () => resolve()),
      );
      return HttpResponse.error();
    }
    return undefined;
  };
  const details: Record<string, unknown> = {
    'new-checkout': unleashFeatureNewCheckout,
    'legacy-search': unleashFeatureLegacySearch,
  };
  return [
    http.get(`${UNLEASH}/api/admin/search/features`, async ({ request: r }) => {
      const failure = await misbehave(behaviour.unleash, r.signal);
      if (failure) return failure;
      const offset = new URL(r.url).searchParams.get('offset');
      return HttpResponse.json(
        offset === '0' || offset === null
          ? unleashSearchPage1
          : unleashSearchPage2,
      );
    }),
    http.get(
      `${UNLEASH}/api/admin/projects/:projectId/features/:featureName`,
      async ({ request: r, params }) => {
        const failure = await misbehave(behaviour.unleash, r.signal);
        if (failure) return failure;
        return HttpResponse.json(
          details[String(params.featureName)] as Record<string, unknown>,
        );
      },
    ),
    http.get(
      `${LAUNCHDARKLY}/api/v2/projects/:projectKey/environments`,
      async ({ request: r }) => {
        const failure = await misbehave(behaviour.launchdarkly, r.signal);
        if (failure) return failure;
        return HttpResponse.json(ldEnvironments);
      },
    ),
    http.get(
      `${LAUNCHDARKLY}/api/v2/flags/:projectKey`,
      async ({ request: r }) => {
        const failure = await misbehave(behaviour.launchdarkly, r.signal);
        if (failure) return failure;
        const offset = new URL(r.url).searchParams.get('offset');
        return HttpResponse.json(
          offset === '0' || offset === null ? ldFlagsPage1 : ldFlagsPage2,
        );
      },
    ),
  ];
}

/** A scheduler whose tasks run only when the test says so. */
function manualScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const controller = new AbortController();
  const scheduler: SchedulerService = {
    async scheduleTask(task) {
      tasks.set(task.id, task);
    },
    createScheduledTaskRunner: () => ({
      run: async task => {
        tasks.set(task.id, task);
      },
    }),
    async triggerTask() {},
    async cancelTask() {},
    async getScheduledTasks() {
      return [];
    },
  };
  return {
    factory: createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => scheduler,
    }),
    run: async (id: string) => {
      const task = tasks.get(id);
      if (!task) {
        throw new Error(`No task ${id}; there are ${[...tasks.keys()]}`);
      }
      await task.fn(controller.signal);
    },
    abortAll: () => controller.abort(),
  };
}

describe('when a flag provider fails or hangs', () => {
  const mswServer = setupServer();
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  beforeAll(() =>
    mswServer.listen({
      // The plugin's own HTTP API is reached through supertest, unmocked.
      onUnhandledRequest: (req, print) => {
        if (!/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\]|::)/.test(req.url)) {
          print.error();
        }
      },
    }),
  );
  afterEach(() => mswServer.resetHandlers());
  afterAll(() => mswServer.close());

  it('keeps the last good snapshot of the failing provider, with its error, and never holds up the other', async () => {
    const knex = await databases.init('SQLITE_3' as TestDatabaseId);
    await applyDatabaseMigrations(knex);
    const store = new DatabaseFlagStore(knex);
    let clock = Date.parse('2026-11-22T08:00:00Z');
    const unleash = new UnleashClient({
      baseUrl: `${UNLEASH}/api`,
      token: 'unleash-token',
      requestTimeoutMs: 5000,
    });
    // Short, but long enough for Unleash to be refreshed while it hangs.
    const launchDarkly = new LaunchDarklyClient({
      baseUrl: LAUNCHDARKLY,
      token: 'launchdarkly-token',
      requestTimeoutMs: 1500,
    });
    const sync = new FlagProviderSync({
      providers: [],
      catalog: catalogServiceMock({ entities: flagEntities }),
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      onFlagsChanged: async () => {},
      now: () => clock,
    });
    const snapshots = async () =>
      Object.fromEntries(
        (await store.listFlagSnapshots(PAYMENTS_API)).map(s => [s.provider, s]),
      );
    const flagKeys = async (provider: string) =>
      (await store.listFlags(PAYMENTS_API, { limit: 100 })).items
        .filter(flag => flag.provider === provider)
        .map(flag => flag.key)
        .sort();

    // Both healthy: both snapshots.
    mswServer.use(
      ...flagProviderHandlers({ unleash: 'healthy', launchdarkly: 'healthy' }),
    );
    await Promise.all([
      sync.syncProvider(unleash),
      sync.syncProvider(launchDarkly),
    ]);
    const good = await snapshots();
    const goodLaunchDarklyFlags = await flagKeys('launchdarkly');
    expect(goodLaunchDarklyFlags.length).toBeGreaterThan(0);
    expect(good.launchdarkly).toMatchObject({
      lastError: undefined,
      flagCount: goodLaunchDarklyFlags.length,
    });
    expect(good.unleash.lastError).toBeUndefined();

    // LaunchDarkly answers 500: its last good snapshot stays, with the error.
    clock += 3_600_000;
    mswServer.resetHandlers(
      ...flagProviderHandlers({ unleash: 'healthy', launchdarkly: 'failing' }),
    );
    await Promise.all([
      sync.syncProvider(unleash),
      sync.syncProvider(launchDarkly),
    ]);
    const afterFailure = await snapshots();
    expect(afterFailure.launchdarkly).toMatchObject({
      refreshedAt: good.launchdarkly.refreshedAt,
      flagCount: goodLaunchDarklyFlags.length,
      lastError: expect.stringContaining('status 500'),
    });
    expect(await flagKeys('launchdarkly')).toEqual(goodLaunchDarklyFlags);
    expect(afterFailure.unleash.refreshedAt).not.toBe(good.unleash.refreshedAt);
    expect(afterFailure.unleash.lastError).toBeUndefined();

    // LaunchDarkly hangs: Unleash is refreshed meanwhile, LaunchDarkly gives
    // up at its time-out and keeps its last good snapshot.
    clock += 3_600_000;
    mswServer.resetHandlers(
      ...flagProviderHandlers({ unleash: 'healthy', launchdarkly: 'hanging' }),
    );
    let launchDarklyDone = false;
    const hanging = sync.syncProvider(launchDarkly).then(() => {
      launchDarklyDone = true;
    });
    await sync.syncProvider(unleash);
    expect(launchDarklyDone).toBe(false);
    const whileHanging = await snapshots();
    expect(whileHanging.unleash.refreshedAt).not.toBe(
      afterFailure.unleash.refreshedAt,
    );
    const started = Date.now();
    await hanging;
    expect(Date.now() - started).toBeLessThan(8000);
    const afterHang = await snapshots();
    expect(afterHang.launchdarkly).toMatchObject({
      refreshedAt: good.launchdarkly.refreshedAt,
      flagCount: goodLaunchDarklyFlags.length,
      lastError: expect.stringContaining('timed out after 1500 ms'),
    });
    expect(await flagKeys('launchdarkly')).toEqual(goodLaunchDarklyFlags);
    sync.stop();
  });

  it('keeps answering requests while a provider hangs, with the healthy provider refreshed', async () => {
    const knex = await databases.init('SQLITE_3' as TestDatabaseId);
    const scheduler = manualScheduler();
    mswServer.use(
      ...flagProviderHandlers({ unleash: 'healthy', launchdarkly: 'hanging' }),
    );
    const backend = await startTestPlugin({
      knex,
      entities: flagEntities,
      config: {
        flags: {
          unleash: { baseUrl: `${UNLEASH}/api`, token: 'unleash-token' },
          launchdarkly: { baseUrl: LAUNCHDARKLY, token: 'launchdarkly-token' },
        },
      },
      features: [scheduler.factory],
    });
    let launchDarklyDone = false;
    const hanging = scheduler
      .run('release-scorecard-flags-launchdarkly')
      .then(() => {
        launchDarklyDone = true;
      });
    await scheduler.run('release-scorecard-flags-unleash');

    for (let round = 0; round < 3; round++) {
      const started = Date.now();
      const flags = await request(backend.server)
        .get(`${API}${PAYMENTS_API_PATH}/flags`)
        .set('Authorization', USER)
        .expect(200);
      // A request held up by the provider would wait until the backend stops.
      expect(Date.now() - started).toBeLessThan(10_000);
      // LaunchDarkly has no snapshot yet (its first fetch hangs); Unleash has one.
      expect(
        flags.body.snapshots.map((s: any) => [s.provider, s.lastError ?? null]),
      ).toEqual([['unleash', null]]);
      expect(
        flags.body.items.filter((flag: any) => flag.provider === 'unleash'),
      ).not.toHaveLength(0);
      await pushDeployments(backend.server, [
        deployment(`while-hanging-${round}`),
      ]).expect(202);
    }
    expect(launchDarklyDone).toBe(false);

    // Stopping the backend aborts the hanging request.
    await backend.stop();
    scheduler.abortAll();
    await hanging;
    expect(launchDarklyDone).toBe(true);
  });
});

// -------------------------------------------------------------- restarts

/** Everything the read API shows, to compare before and after a restart. */
async function readEverything(server: any) {
  const read = async (urlPath: string) =>
    (
      await request(server)
        .get(`${API}${urlPath}`)
        .set('Authorization', USER)
        .expect(200)
    ).body;
  const result: Record<string, unknown> = {};
  for (const name of ['payments-api', 'ledger-service', 'cart-service']) {
    for (const list of ['deployments', 'pipelines', 'incidents', 'flags']) {
      result[`${name}/${list}`] = await read(
        `/entities/default/component/${name}/${list}?limit=500`,
      );
    }
  }
  result.unknown = await read('/operations/unknown-entities');
  result.unmatched = await read('/operations/unmatched-webhook-events');
  return result;
}

async function pushEverything(server: any, round: number) {
  const responses = await Promise.all([
    pushDeployments(
      server,
      Array.from({ length: 30 }, (_, index) => ({
        ...deployment(`restart-${round}-${index}`, 2),
        entityRef: [PAYMENTS_API, 'component:default/ledger-service'][
          index % 2
        ],
      })),
    ),
    request(server)
      .post(`${API}/ingest/pipelines`)
      .set('Authorization', SERVICE)
      .send({
        runs: [
          {
            id: `run-${round}`,
            entityRef: PAYMENTS_API,
            revision: `rev-${round}`,
            startedAt: '2026-11-20T09:00:00Z',
            finishedAt: '2026-11-20T09:30:00Z',
            gates: [
              {
                gate: 'unit-tests',
                status: 'passed',
                metrics: { coverage: 0.9 },
              },
            ],
          },
        ],
      }),
    request(server)
      .post(`${API}/ingest/incidents`)
      .set('Authorization', SERVICE)
      .send({
        incidents: [
          {
            id: `INC-${round}`,
            entityRef: 'component:default/not-in-the-catalog-yet',
            title: 'Before the catalog caught up',
            severity: 'sev2',
            status: 'open',
            openedAt: '2026-11-20T11:00:00Z',
          },
        ],
      }),
    request(server)
      .put(`${API}/ingest/flags`)
      .set('Authorization', SERVICE)
      .send({
        entityRef: 'component:default/cart-service',
        provider: 'unleash',
        flags: [
          {
            key: `flag-${round}`,
            type: 'release',
            temporary: true,
            environments: [{ name: 'production', enabled: true }],
          },
        ],
      }),
    sendWebhook(server, validWebhookDelivery('pagerduty')),
    sendWebhook(server, {
      ...validWebhookDelivery('github'),
      body: Buffer.from(
        validWebhookDelivery('github')
          .body.toString('utf8')
          .replace('acme/payments-api', 'acme/unknown-repository'),
      ),
    }),
  ]);
  for (const response of responses) {
    expect(response.status).toBe(202);
  }
  return responses.reduce(
    (sum, response) =>
      sum + (response.body.accepted ?? 0) + (response.body.updated ?? 0),
    0,
  );
}

describe('when the backend restarts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function restartKeepsEverything(
    connect: () => Knex,
    cleanUp: () => Promise<void> = async () => {},
  ) {
    const firstKnex = connect();
    const first = await startTestPlugin({ knex: firstKnex });
    let acknowledged = 0;
    for (let round = 0; round < 3; round++) {
      acknowledged += await pushEverything(first.server, round);
    }
    // Queued for evaluation just before the stop: evaluated after it.
    await request(first.server)
      .post(`${API}/evaluate`)
      .set('Authorization', USER)
      .send({ entityRefs: ['component:default/cart-service'] })
      .expect(202);
    const before = await readEverything(first.server);
    const storedBefore = await dumpEvidence(firstKnex);
    await first.stop();
    // The requested evaluation is either done or still queued in the database.
    const cart = { entity_ref: 'component:default/cart-service' };
    const queuedAtStop = await firstKnex('evaluation_queue')
      .where(cart)
      .first();
    const evaluatedAtStop = await firstKnex('entity_scorecards')
      .where(cart)
      .first();
    expect(Boolean(queuedAtStop) || Boolean(evaluatedAtStop)).toBe(true);
    await firstKnex.destroy();

    const secondKnex = connect();
    try {
      const second = await startTestPlugin({ knex: secondKnex });
      expect(await readEverything(second.server)).toEqual(before);
      expect(await dumpEvidence(secondKnex)).toEqual(storedBefore);
      // 30 deployments, a pipeline run, an incident, a flag snapshot and two
      // webhook deliveries per round.
      expect(acknowledged).toBe(3 * (30 + 1 + 1 + 1 + 1 + 0));
      expect(storedBefore.deployments).toHaveLength(90);
      expect(storedBefore.incidents).toHaveLength(4);
      // eslint-disable-next-line no-console
      console.log(
        `Restart on ${secondKnex.client.config.client}: 18 requests acknowledged ${acknowledged} records; ` +
          `after the restart every stored row and every read are the same, lost 0`,
      );
      // The evaluation queued before the stop is done after it (the queue is
      // in the database); no read here evaluates on demand.
      const cartScorecard = () =>
        secondKnex('entity_scorecards').where(cart).first();
      const deadline = Date.now() + 20_000;
      while (!(await cartScorecard()) && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      expect(await cartScorecard()).toBeDefined();
      await second.stop();
    } finally {
      await secondKnex.destroy();
      await cleanUp();
    }
  }

  it.each(databases.eachSupportedId())(
    'loses nothing acknowledged on %s (SQLite: in a file)',
    async databaseId => {
      expect.hasAssertions();
      if (databaseId === 'SQLITE_3') {
        const directory = fs.mkdtempSync(
          path.join(os.tmpdir(), 'release-scorecard-'),
        );
        const filename = path.join(directory, 'release-scorecard.sqlite');
        await restartKeepsEverything(
          () =>
            knexFactory({
              client: 'better-sqlite3',
              connection: { filename },
              useNullAsDefault: true,
            }),
          async () => fs.rmSync(directory, { recursive: true, force: true }),
        );
        return;
      }
      // The same database, through a new connection pool.
      const initial = await databases.init(databaseId as TestDatabaseId);
      const config = initial.client.config;
      await initial.destroy();
      await restartKeepsEverything(() => knexFactory(config));
    },
  );
});
