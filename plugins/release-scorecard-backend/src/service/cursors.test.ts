import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { declaredRoutes, routePath } from '../__testUtils__/declaredRoutes';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import {
  sendWebhook,
  validWebhookDelivery,
} from '../__testUtils__/webhookDeliveries';

jest.setTimeout(300_000);

/*
 * Crafted `?cursor=` values on every paginated route: a cursor that this API
 * did not return for that list is a 400 naming `cursor`, never a 5xx, on both
 * databases. PostgreSQL compares a cursor with typed columns (bigint, text),
 * where a string, a fraction or 1e300 used to fail with 22P02 and answer 500.
 *
 * RELEASE_SCORECARD_FUZZ_RUNS sets the number of cursors per route (100).
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const USER = mockCredentials.user.header();
const SERVICE = mockCredentials.service.header();
const RUNS = Number(process.env.RELEASE_SCORECARD_FUZZ_RUNS || 100);

const PAYMENTS_API = 'component:default/payments-api';
const LEDGER = 'component:default/ledger-service';
const ENTITY_PARAMS = {
  namespace: 'default',
  kind: 'component',
  name: 'payments-api',
};

/** Every paginated GET route of the plugin: the one list the tests below use. */
const PAGINATED_ROUTES = [
  '/entities/:namespace/:kind/:name/deployments',
  '/entities/:namespace/:kind/:name/pipelines',
  '/entities/:namespace/:kind/:name/incidents',
  '/entities/:namespace/:kind/:name/flags',
  '/entities/:namespace/:kind/:name/history',
  '/operations/unknown-entities',
  '/operations/unmatched-webhook-events',
  '/flags',
  '/compliance',
  '/compliance/changes',
];

const RULES_CONFIG = {
  levels: ['bronze'],
  rules: [
    {
      id: 'gitops',
      title: 'Deploys through GitOps',
      check: { fact: 'deployment.gitops', op: 'eq', value: true },
    },
  ],
};

const CURSOR_REFUSED = {
  name: 'InputError',
  message: 'cursor: not a cursor this API returned',
};

const encode = (value: unknown) =>
  Buffer.from(JSON.stringify(value) ?? '', 'utf8').toString('base64url');

/** Numbers a cursor must not smuggle into a bigint comparison. */
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(Number),
  fc.constantFrom(
    1.5,
    -1,
    1e300,
    -1e300,
    2 ** 53,
    2 ** 63,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.EPSILON,
  ),
);

/** Text a cursor must not smuggle into a text comparison (NUL, surrogates). */
const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary-ascii' }),
  fc.string().map(text => `${text}\u0000`),
  fc.constantFrom('abc', '', '\u0000', '\ud800', 'a\u0000b\u0000c'),
);

const anyValue = fc.oneof(hostileNumber, hostileText, fc.jsonValue());

/** Cursors nobody got from this API for this list (and some they did). */
function craftedCursor(validCursors: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(anyValue, anyValue).map(encode),
    fc.tuple(hostileNumber, hostileNumber).map(encode),
    fc.tuple(hostileText, hostileNumber).map(encode),
    fc.tuple(hostileNumber, fc.constant(0)).map(encode),
    fc.tuple(hostileText, fc.constant(0)).map(encode),
    fc.jsonValue().map(encode),
    fc
      .array(fc.array(anyValue, { maxLength: 3 }), { maxLength: 3 })
      .map(encode),
    fc.array(anyValue, { minLength: 3, maxLength: 5 }).map(encode),
    // Not base64url of JSON at all.
    fc.string({ minLength: 1 }),
    fc.jsonValue().map(value => JSON.stringify(value) ?? 'x'),
    fc
      .tuple(fc.constantFrom(...validCursors), fc.nat(), fc.string())
      .map(
        ([cursor, at, text]) =>
          cursor.slice(0, at % cursor.length) +
          text +
          cursor.slice(at % cursor.length),
      ),
    // Valid cursors, of this list and of the others.
    fc.constantFrom(...validCursors),
  );
}

describe.each(databases.eachSupportedId())('cursors on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
  let stop: () => Promise<void>;
  let knex: Knex;
  /** The `nextCursor` of each list's first page of one item. */
  const nextCursors = new Map<string, string>();

  const get = (path: string, query: Record<string, string> = {}) =>
    request(server)
      .get(`${API}${path}`)
      .query(query)
      .set('Authorization', USER);

  const push = (path: string, body: object, method: 'post' | 'put' = 'post') =>
    request(server)
      [method](`${API}/ingest/${path}`)
      .set('Authorization', SERVICE)
      .send(body)
      .expect(202);

  async function waitForGitops(entityRef: string, status: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await get('/compliance', { limit: '100' }).expect(200);
      const row = body.items.find((item: any) => item.entityRef === entityRef);
      if (row?.rules.gitops === status) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(`${entityRef} never reached ${status}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  const pathOf = (route: string) =>
    routePath({ method: 'get', path: route }, ENTITY_PARAMS);

  /** Two items in every paginated list, so that each has a next page. */
  async function seed() {
    // A first evaluation without data (no-data), then data: two status
    // changes for each service.
    await request(server)
      .post(`${API}/evaluate`)
      .set('Authorization', USER)
      .send({})
      .expect(202);
    await waitForGitops(PAYMENTS_API, 'no-data');
    await waitForGitops(LEDGER, 'no-data');

    const iso = (hoursAgo: number) =>
      new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    const refs = [
      PAYMENTS_API,
      PAYMENTS_API,
      LEDGER,
      'component:default/not-in-the-catalog-1',
      'component:default/not-in-the-catalog-2',
    ];
    await push('deployments', {
      deployments: refs.map((entityRef, index) => ({
        id: `deploy-${index}`,
        entityRef,
        environment: 'production',
        revision: `rev-${index}`,
        strategy: 'canary',
        gitops: true,
        status: 'succeeded',
        startedAt: iso(10 - index),
        finishedAt: iso(9 - index),
      })),
    });
    await push('pipelines', {
      runs: [1, 2].map(index => ({
        id: `run-${index}`,
        entityRef: PAYMENTS_API,
        revision: `rev-${index}`,
        startedAt: iso(10 - index),
        gates: [{ gate: 'unit-tests', status: 'passed' }],
      })),
    });
    await push('incidents', {
      incidents: [1, 2].map(index => ({
        id: `incident-${index}`,
        entityRef: PAYMENTS_API,
        title: 'Latency',
        severity: 'sev3',
        status: 'resolved',
        openedAt: iso(5 - index),
        resolvedAt: iso(4 - index),
      })),
    });
    await push(
      'flags',
      {
        entityRef: PAYMENTS_API,
        provider: 'unleash',
        flags: [1, 2].map(index => ({
          key: `flag-${index}`,
          type: 'release',
          temporary: true,
          environments: [{ name: 'production', enabled: true }],
        })),
      },
      'put',
    );
    for (const repository of ['acme/unknown-1', 'acme/unknown-2']) {
      const delivery = validWebhookDelivery('github');
      const body = JSON.parse(delivery.body.toString('utf8'));
      body.repository.full_name = repository;
      const response = await sendWebhook(server, {
        ...delivery,
        body: Buffer.from(JSON.stringify(body)),
      });
      expect(response.body.entityRefs).toEqual([]);
    }
    await waitForGitops(PAYMENTS_API, 'pass');
    await waitForGitops(LEDGER, 'pass');
  }

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    const backend = await startTestPlugin({ knex, config: RULES_CONFIG });
    server = backend.server;
    stop = () => backend.stop();
    await seed();
    for (const route of PAGINATED_ROUTES) {
      const { body } = await get(pathOf(route), { limit: '1' }).expect(200);
      nextCursors.set(route, body.nextCursor);
    }
  });

  afterAll(async () => {
    await stop();
    await knex.destroy();
  });

  it('lists every GET route that reads a cursor', async () => {
    const refusing: string[] = [];
    for (const route of await declaredRoutes()) {
      if (route.method !== 'get') {
        continue;
      }
      const response = await get(routePath(route, ENTITY_PARAMS), {
        cursor: 'not-a-cursor',
      });
      if (
        response.status === 400 &&
        /^cursor:/.test(response.body.error.message)
      ) {
        refusing.push(route.path);
      }
    }
    expect(refusing.sort()).toEqual([...PAGINATED_ROUTES].sort());
  });

  it.each(PAGINATED_ROUTES)('%s pages on with its own cursor', async route => {
    const first = await get(pathOf(route), { limit: '1' }).expect(200);
    const cursor = nextCursors.get(route)!;
    expect(typeof cursor).toBe('string');
    const second = await get(pathOf(route), { limit: '1', cursor }).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]).not.toEqual(first.body.items[0]);
  });

  it.each(
    PAGINATED_ROUTES.flatMap(route =>
      [
        ['abc', 1],
        [1.5, 1],
        [1e300, 1],
        [-1, -1],
        ['a\u0000b\u0000c', 0],
        [[1], 1],
      ].map(cursor => [route, JSON.stringify(cursor), cursor] as const),
    ),
  )('%s refuses the cursor %s with a 400', async (route, _, cursor) => {
    const response = await get(pathOf(route), { cursor: encode(cursor) });
    expect({ status: response.status, error: response.body.error }).toEqual({
      status: 400,
      error: CURSOR_REFUSED,
    });
  });

  it.each(PAGINATED_ROUTES)(
    '%s answers any crafted cursor with 200 or a 400 naming the cursor',
    async route => {
      const cursors = craftedCursor([...nextCursors.values()]);
      await fc.assert(
        fc.asyncProperty(cursors, async cursor => {
          const response = await get(pathOf(route), { limit: '2', cursor });
          const answer =
            response.status === 200
              ? { status: 200, items: Array.isArray(response.body.items) }
              : { status: response.status, error: response.body.error };
          expect([
            { status: 200, items: true },
            { status: 400, error: CURSOR_REFUSED },
          ]).toContainEqual(answer);
        }),
        { numRuns: RUNS },
      );
    },
  );
});
