import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHmac } from 'crypto';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { releaseScorecardPermissions } from '@internal/plugin-release-scorecard-common';
import { Knex } from 'knex';
import request from 'supertest';
import { countRowsPerTable, dumpEvidence } from '../__testUtils__/databaseRows';
import {
  DeclaredRoute,
  declaredRoutes,
  routePath,
} from '../__testUtils__/declaredRoutes';
import {
  startTestPlugin,
  TEST_WEBHOOK_SECRETS,
} from '../__testUtils__/startTestPlugin';
import { testEntities } from '../__testUtils__/testEntities';
import {
  HMAC_SIGNED_SOURCES,
  sendWebhook,
  validWebhookDelivery,
  WEBHOOK_SOURCE_NAMES,
  WebhookSourceName,
} from '../__testUtils__/webhookDeliveries';

jest.setTimeout(120_000);

/*
 * Who may call what: every route refuses anonymous callers, entities a user
 * may not read in the catalog stay invisible everywhere, webhooks need their
 * tool's signature, the plugin's permissions are registered and enforced,
 * and security-relevant actions are audited without secrets.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const SERVICE = mockCredentials.service.header();
const ANONYMOUS = mockCredentials.none.header();
const USER = mockCredentials.user.header();
/** May read every entity but ledger-service (a conditional catalog decision). */
const OUTSIDER_REF = 'user:default/outsider';
const OUTSIDER = mockCredentials.user.header(OUTSIDER_REF);
/** May read no entity at all (the policy denies catalog.entity.read). */
const NOBODY_REF = 'user:default/nobody';
const NOBODY = mockCredentials.user.header(NOBODY_REF);

const PAYMENTS_API = 'component:default/payments-api';
const LEDGER = 'component:default/ledger-service';
const ENTITY_PARAMS = {
  namespace: 'default',
  kind: 'component',
  name: 'payments-api',
};
const LEDGER_PARAMS = { ...ENTITY_PARAMS, name: 'ledger-service' };

const RULES_CONFIG = {
  levels: ['bronze'],
  readiness: { requiredGates: ['unit-tests'] },
  rules: [
    {
      id: 'gitops',
      title: 'Deploys through GitOps',
      check: { fact: 'deployment.gitops', op: 'eq', value: true },
    },
  ],
};

// ------------------------------------------------------------ catalog access

function userOf(credentials: BackstageCredentials | undefined) {
  const principal = credentials?.principal as
    | { type?: string; userEntityRef?: string }
    | undefined;
  return principal?.type === 'user' ? principal.userEntityRef : undefined;
}

/** What the catalog's permission policy lets each caller read. */
function mayRead(
  credentials: BackstageCredentials | undefined,
  entity: Entity,
): boolean {
  const user = userOf(credentials);
  if (user === NOBODY_REF) {
    return false;
  }
  if (user === OUTSIDER_REF) {
    return stringifyEntityRef(entity).toLocaleLowerCase('en-US') !== LEDGER;
  }
  return true;
}

/**
 * The in-memory catalog, filtered the way the real catalog filters by the
 * caller's credentials.
 */
function credentialAwareCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  type Options = { credentials?: BackstageCredentials } | undefined;
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => ({
      ...catalog,
      async getEntityByRef(ref: any, options?: Options) {
        const entity = await catalog.getEntityByRef(ref);
        return entity && mayRead(options?.credentials, entity)
          ? entity
          : undefined;
      },
      async getEntities(req: any, options?: Options) {
        const { items } = await catalog.getEntities(req);
        return {
          items: items.filter(entity => mayRead(options?.credentials, entity)),
        };
      },
      async getEntitiesByRefs(req: any, options?: Options) {
        const { items } = await catalog.getEntitiesByRefs(req);
        return {
          items: items.map(entity =>
            entity && mayRead(options?.credentials, entity)
              ? entity
              : undefined,
          ),
        };
      },
      async *streamEntities(req: any, options?: Options) {
        for await (const page of catalog.streamEntities(req)) {
          yield page.filter(entity => mayRead(options?.credentials, entity));
        }
      },
    }),
  });
}

/**
 * The permission policy as the plugin sees it: catalog.entity.read is
 * conditional for the outsider and denied to nobody; the plugin's own
 * permissions are allowed unless a test denies them.
 */
function permissionsFactory(deniedPermissions: Set<string>) {
  return mockServices.permissions.mock({
    async authorize(requests, options) {
      return requests.map(({ permission }) => ({
        result:
          deniedPermissions.has(permission.name) ||
          (isResourcePermission(permission, 'catalog-entity') &&
            userOf(options?.credentials) === NOBODY_REF)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
    async authorizeConditional(requests, options) {
      return requests.map(({ permission }) => {
        const user = userOf(options?.credentials);
        if (permission.name !== 'catalog.entity.read') {
          return {
            result: deniedPermissions.has(permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          };
        }
        if (user === NOBODY_REF) {
          return { result: AuthorizeResult.DENY };
        }
        if (user === OUTSIDER_REF) {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [OUTSIDER_REF] },
            },
          };
        }
        return { result: AuthorizeResult.ALLOW };
      });
    },
  }).factory;
}

// ------------------------------------------------------------------- logging

interface LogRecord {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A plugin logger that keeps what it is given; audit events arrive here too. */
function recordingLogger(records: LogRecord[]) {
  const create = (fields: JsonObject): LoggerService => {
    const log =
      (level: string) => (message: string, meta?: Error | JsonObject) => {
        records.push({
          level,
          message,
          fields: {
            ...fields,
            ...(meta instanceof Error
              ? { error: `${meta.name}: ${meta.message}` }
              : meta),
          },
        });
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: more => create({ ...fields, ...more }),
    };
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => create({}),
  });
}

const auditEvents = (records: LogRecord[], eventId: string) =>
  records.filter(
    record =>
      record.fields.isAuditEvent === true &&
      record.message === `release-scorecard.${eventId}`,
  );

// --------------------------------------------------------------------- tests

function send(server: any, route: DeclaredRoute, path: string, auth: string) {
  const call = (request(server) as any)
    [route.method](`${API}${path}`)
    .set('Authorization', auth);
  return route.method === 'get' ? call : call.send({});
}

describe.each(databases.eachSupportedId())('security on %s', databaseId => {
  let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
  let knex: Knex;
  let routes: DeclaredRoute[];
  const deniedPermissions = new Set<string>();
  const logRecords: LogRecord[] = [];

  const get = (path: string, auth: string) =>
    request(server).get(`${API}${path}`).set('Authorization', auth);
  const push = (path: string, body: object, method: 'post' | 'put' = 'post') =>
    request(server)
      [method](`${API}/ingest/${path}`)
      .set('Authorization', SERVICE)
      .send(body)
      .expect(202);

  /** Polls until the compliance view shows `entityRef` passing the gitops rule. */
  async function waitForStatus(entityRef: string, status: string) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await get('/compliance?limit=100', USER).expect(200);
      const row = body.items.find((item: any) => item.entityRef === entityRef);
      if (row?.rules.gitops === status) {
        return;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${entityRef} never reached ${status}: ${JSON.stringify(row)}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    knex = await databases.init(databaseId as TestDatabaseId);
    routes = await declaredRoutes();
    ({ server } = await startTestPlugin({
      knex,
      config: RULES_CONFIG,
      catalog: credentialAwareCatalog(testEntities),
      features: [
        permissionsFactory(deniedPermissions),
        recordingLogger(logRecords),
      ],
    }));

    // A first evaluation without data (no-data), then data for both
    // services, so that each has a status change to list.
    await request(server)
      .post(`${API}/evaluate`)
      .set('Authorization', USER)
      .send({})
      .expect(202);
    await waitForStatus(LEDGER, 'no-data');
    await waitForStatus(PAYMENTS_API, 'no-data');

    const now = Date.now();
    const iso = (hoursAgo: number) =>
      new Date(now - hoursAgo * 3_600_000).toISOString();
    for (const entityRef of [PAYMENTS_API, LEDGER]) {
      await push('deployments', {
        deployments: [
          {
            id: `deploy-${entityRef}`,
            entityRef,
            environment: 'production',
            revision: 'abc123',
            strategy: 'canary',
            gitops: true,
            status: 'succeeded',
            startedAt: iso(3),
            finishedAt: iso(2),
            commits: [{ sha: `sha-${entityRef}`, committedAt: iso(5) }],
          },
        ],
      });
      await push('pipelines', {
        runs: [
          {
            id: `run-${entityRef}`,
            entityRef,
            revision: 'abc123',
            startedAt: iso(4),
            finishedAt: iso(3),
            gates: [{ gate: 'unit-tests', status: 'passed' }],
          },
        ],
      });
      await push('incidents', {
        incidents: [
          {
            id: `incident-${entityRef}`,
            entityRef,
            title: 'Latency',
            severity: 'sev3',
            status: 'resolved',
            openedAt: iso(1.5),
            resolvedAt: iso(1),
          },
        ],
      });
      await push(
        'flags',
        {
          entityRef,
          provider: 'unleash',
          flags: [
            {
              key: `flag-of-${entityRef.split('/')[1]}`,
              type: 'release',
              temporary: true,
              environments: [{ name: 'production', enabled: true }],
            },
          ],
        },
        'put',
      );
    }
    await waitForStatus(LEDGER, 'pass');
    await waitForStatus(PAYMENTS_API, 'pass');
  });

  afterEach(() => {
    deniedPermissions.clear();
  });

  describe('authentication', () => {
    it('finds the routes of every router module', () => {
      const paths = routes.map(route => `${route.method} ${route.path}`);
      // One route of each module, so that the walk cannot silently miss one.
      expect(paths).toEqual(
        expect.arrayContaining([
          'post /webhooks/:source',
          'post /ingest/deployments',
          'get /entities/:namespace/:kind/:name/deployments',
          'get /flags',
          'get /entities/:namespace/:kind/:name/scorecard',
          'get /compliance',
        ]),
      );
      expect(routes.length).toBeGreaterThanOrEqual(23);
    });

    it('refuses anonymous callers on every route with 401', async () => {
      const answers: string[] = [];
      for (const route of routes) {
        const sources =
          route.path === '/webhooks/:source' ? WEBHOOK_SOURCE_NAMES : [''];
        for (const source of sources) {
          const path = routePath(route, { ...ENTITY_PARAMS, source });
          const response = await send(server, route, path, ANONYMOUS);
          answers.push(
            `${route.method} ${path} ${response.status} ${response.body?.error?.name}`,
          );
        }
      }
      expect(answers).toEqual(
        answers.map(answer =>
          answer.replace(/ \S+ \S+$/, ' 401 AuthenticationError'),
        ),
      );
      // Nothing reached the store.
      const counts = await countRowsPerTable(knex);
      expect(counts.unmatched_webhook_events).toBe(0);
      expect(counts.deployments).toBe(2);
    });

    it('lets only service credentials push data', async () => {
      const ingestRoutes = routes.filter(route =>
        route.path.startsWith('/ingest/'),
      );
      expect(ingestRoutes).toHaveLength(4);
      for (const route of ingestRoutes) {
        const response = await send(server, route, route.path, USER);
        expect({ path: route.path, status: response.status }).toEqual({
          path: route.path,
          status: 403,
        });
      }
    });

    it('changes nothing but evidence and the evaluation queue: rules and exemptions are configuration only', () => {
      const writes = routes
        .filter(route => route.method !== 'get')
        .map(route => `${route.method} ${route.path}`)
        .sort();
      expect(writes).toEqual([
        'post /evaluate',
        'post /ingest/deployments',
        'post /ingest/incidents',
        'post /ingest/pipelines',
        'post /webhooks/:source',
        'put /ingest/flags',
      ]);
    });
  });

  describe('entities hidden by the catalog', () => {
    const entityRoutes = () =>
      routes.filter(
        route =>
          route.method === 'get' &&
          route.path.startsWith('/entities/:namespace/:kind/:name/'),
      );

    it('answers 404 for every entity route of an entity the caller may not read', async () => {
      expect(entityRoutes().length).toBeGreaterThanOrEqual(9);
      for (const route of entityRoutes()) {
        const hidden = await get(routePath(route, LEDGER_PARAMS), OUTSIDER);
        expect({ path: route.path, status: hidden.status }).toEqual({
          path: route.path,
          status: 404,
        });
        expect(hidden.body.error.name).toBe('NotFoundError');
        const allDenied = await get(routePath(route, ENTITY_PARAMS), NOBODY);
        expect({ path: route.path, status: allDenied.status }).toEqual({
          path: route.path,
          status: 404,
        });
        // The same caller reads the entities it may see, and others read ledger.
        const visible = await get(routePath(route, ENTITY_PARAMS), OUTSIDER);
        expect({ path: route.path, status: visible.status }).toEqual({
          path: route.path,
          status: 200,
        });
        const forOthers = await get(routePath(route, LEDGER_PARAMS), USER);
        expect({ path: route.path, status: forOthers.status }).toEqual({
          path: route.path,
          status: 200,
        });
      }
      const ledgerDeployments = await get(
        routePath(
          {
            method: 'get',
            path: '/entities/:namespace/:kind/:name/deployments',
          },
          LEDGER_PARAMS,
        ),
        USER,
      );
      expect(ledgerDeployments.body.items).toHaveLength(1);
    });

    it('leaves hidden entities out of the compliance view, its totals, its changes and its export', async () => {
      const everyone = await get('/compliance?limit=100', USER).expect(200);
      const outsider = await get('/compliance?limit=100', OUTSIDER).expect(200);
      const refs = (body: any) => body.items.map((row: any) => row.entityRef);
      expect(refs(everyone.body)).toContain(LEDGER);
      expect(refs(outsider.body)).not.toContain(LEDGER);
      expect(refs(outsider.body)).toContain(PAYMENTS_API);
      expect(outsider.body.totalCount).toBe(everyone.body.totalCount - 1);
      const passing = (body: any) =>
        body.rules.find((rule: any) => rule.id === 'gitops').pass;
      expect(passing(everyone.body)).toBe(2);
      expect(passing(outsider.body)).toBe(1);
      const team = (body: any) =>
        body.owners.find(
          (owner: any) => owner.owner === 'group:default/payments-team',
        );
      expect(team(everyone.body).pass).toBe(2);
      expect(team(outsider.body).pass).toBe(1);

      const changes = async (auth: string) =>
        (await get('/compliance/changes', auth).expect(200)).body.items.map(
          (change: any) => change.entityRef,
        );
      expect(await changes(USER)).toContain(LEDGER);
      expect(await changes(OUTSIDER)).not.toContain(LEDGER);
      expect(await changes(OUTSIDER)).toContain(PAYMENTS_API);

      const csv = async (auth: string) =>
        (await get('/compliance?format=csv', auth).expect(200)).text;
      expect(await csv(USER)).toContain(LEDGER);
      expect(await csv(OUTSIDER)).not.toContain(LEDGER);
      expect(await csv(OUTSIDER)).toContain(PAYMENTS_API);

      const nobody = await get('/compliance?limit=100', NOBODY).expect(200);
      expect(nobody.body.items).toEqual([]);
      expect(nobody.body.totalCount).toBe(0);
      expect(await changes(NOBODY)).toEqual([]);
    });

    it('leaves hidden entities out of the flag list', async () => {
      const keys = async (auth: string) =>
        (await get('/flags?limit=100', auth).expect(200)).body.items.map(
          (flag: any) => `${flag.entityRef} ${flag.key}`,
        );
      expect(await keys(USER)).toEqual(
        expect.arrayContaining([
          `${LEDGER} flag-of-ledger-service`,
          `${PAYMENTS_API} flag-of-payments-api`,
        ]),
      );
      expect(await keys(OUTSIDER)).toEqual([
        `${PAYMENTS_API} flag-of-payments-api`,
      ]);
      expect(await keys(NOBODY)).toEqual([]);
    });

    it('leaves hidden entities out of team DORA metrics and rule pass rates', async () => {
      const teamDora = async (auth: string) =>
        (
          await get('/owners/default/group/payments-team/dora', auth).expect(
            200,
          )
        ).body;
      expect(await teamDora(USER)).toMatchObject({
        entityCount: 2,
        deploymentFrequency: { deployments: 2 },
      });
      expect(await teamDora(OUTSIDER)).toMatchObject({
        entityCount: 1,
        deploymentFrequency: { deployments: 1 },
      });

      const rulePasses = async (auth: string) =>
        (await get('/rules', auth).expect(200)).body.rules[0].totals?.pass ?? 0;
      expect(await rulePasses(USER)).toBe(2);
      expect(await rulePasses(OUTSIDER)).toBe(1);
      expect(await rulePasses(NOBODY)).toBe(0);
    });
  });

  describe('permissions', () => {
    it('registers its permissions for the permission backend', async () => {
      const response = await get(
        '/.well-known/backstage/permissions/metadata',
        SERVICE,
      ).expect(200);
      const registered = response.body.permissions.filter((p: any) =>
        p.name.startsWith('release-scorecard.'),
      );
      expect(registered).toEqual(
        expect.arrayContaining(
          releaseScorecardPermissions.map(permission =>
            expect.objectContaining({
              type: 'basic',
              name: permission.name,
              attributes: permission.attributes,
            }),
          ),
        ),
      );
      expect(registered).toHaveLength(releaseScorecardPermissions.length);
    });

    // What each permission guards; every other route must not depend on it.
    const GUARDED_ROUTES: Record<string, string[]> = {
      'release-scorecard.compliance.read': [
        'get /compliance',
        'get /compliance/changes',
      ],
      'release-scorecard.flags.read': ['get /flags'],
      'release-scorecard.operations.read': [
        'get /operations/unknown-entities',
        'get /operations/unmatched-webhook-events',
      ],
      'release-scorecard.evaluate': ['post /evaluate'],
    };

    it('guards exactly its routes with each permission, so that a policy can use them', async () => {
      expect(Object.keys(GUARDED_ROUTES).sort()).toEqual(
        releaseScorecardPermissions.map(permission => permission.name).sort(),
      );
      // Users call these; push and webhook routes have their own credentials.
      const userRoutes = routes.filter(
        route =>
          !route.path.startsWith('/ingest/') &&
          !route.path.startsWith('/webhooks/'),
      );
      for (const permission of releaseScorecardPermissions) {
        deniedPermissions.clear();
        deniedPermissions.add(permission.name);
        const answers: string[] = [];
        for (const route of userRoutes) {
          const response = await send(
            server,
            route,
            routePath(route, ENTITY_PARAMS),
            USER,
          );
          answers.push(
            `${route.method} ${route.path} ${response.status} ${
              response.body?.error?.name ?? ''
            }`.trim(),
          );
        }
        const refused = answers
          .filter(answer => answer.endsWith(' 403 NotAllowedError'))
          .map(answer => answer.replace(' 403 NotAllowedError', ''));
        // The others answer as usual.
        expect(
          answers.filter(answer => !answer.endsWith(' 403 NotAllowedError')),
        ).toEqual(
          userRoutes
            .map(route => `${route.method} ${route.path}`)
            .filter(route => !refused.includes(route))
            .map(route => `${route} ${route.startsWith('get') ? 200 : 202}`),
        );
        expect({ permission: permission.name, refused }).toEqual({
          permission: permission.name,
          refused: GUARDED_ROUTES[permission.name],
        });
      }
    });
  });

  describe('webhook signatures', () => {
    type Case = {
      name: string;
      applies: (source: WebhookSourceName) => boolean;
      send: (source: WebhookSourceName) => ReturnType<typeof sendWebhook>;
    };
    const otherSource = (source: WebhookSourceName) =>
      source === 'github' ? 'gitlab' : 'github';

    const refusedCases: Case[] = [
      {
        name: 'no signature',
        applies: () => true,
        send: source =>
          sendWebhook(server, validWebhookDelivery(source), {
            signature: 'none',
          }),
      },
      {
        name: 'signed with a wrong secret',
        applies: () => true,
        send: source =>
          sendWebhook(server, validWebhookDelivery(source), {
            secret: `${TEST_WEBHOOK_SECRETS[source]}x`,
          }),
      },
      {
        name: "signed with another source's secret",
        applies: () => true,
        send: source =>
          sendWebhook(server, validWebhookDelivery(source), {
            secret: TEST_WEBHOOK_SECRETS[otherSource(source)],
          }),
      },
      {
        name: 'body changed after signing',
        applies: source => HMAC_SIGNED_SOURCES.includes(source),
        send: source => {
          const delivery = validWebhookDelivery(source);
          return sendWebhook(
            server,
            {
              ...delivery,
              // Still a valid payload, but not the bytes that were signed.
              body: Buffer.concat([delivery.body, Buffer.from('\n')]),
            },
            { signedBody: delivery.body },
          );
        },
      },
      {
        name: "the secret in another tool's header",
        applies: () => true,
        send: source => {
          const secret = TEST_WEBHOOK_SECRETS[source];
          return sendWebhook(server, validWebhookDelivery(source), {
            signature: 'none',
            headers:
              source === 'gitlab'
                ? { Authorization: `Bearer ${secret}` }
                : { 'X-Gitlab-Token': secret },
          });
        },
      },
    ];

    it.each(WEBHOOK_SOURCE_NAMES)(
      '%s: accepts only correctly signed deliveries',
      async source => {
        const before = await dumpEvidence(knex);
        for (const refusedCase of refusedCases.filter(c => c.applies(source))) {
          const response = await refusedCase.send(source);
          expect({ case: refusedCase.name, status: response.status }).toEqual({
            case: refusedCase.name,
            status: 401,
          });
          expect(response.body.error).toEqual({
            name: 'AuthenticationError',
            message: `Missing or invalid signature for webhook source ${source}`,
          });
        }
        expect(await dumpEvidence(knex)).toEqual(before);

        const accepted = await sendWebhook(
          server,
          validWebhookDelivery(source),
        );
        expect(accepted.status).toBe(202);
        expect(accepted.body.entityRefs).toEqual([PAYMENTS_API]);
        expect(accepted.body.accepted + accepted.body.updated).toBeGreaterThan(
          0,
        );
        expect(await dumpEvidence(knex)).not.toEqual(before);
      },
    );

    it('answers 404 for a source that is not configured', async () => {
      const response = await sendWebhook(
        server,
        {
          ...validWebhookDelivery('github'),
          source: 'jenkins' as WebhookSourceName,
        },
        { secret: TEST_WEBHOOK_SECRETS.github },
      );
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        `Unknown webhook source; the sources are ${[...WEBHOOK_SOURCE_NAMES]
          .sort()
          .join(', ')}`,
      );
    });
  });

  describe('audit', () => {
    it('audits a rejected webhook delivery without its payload, signature or secret', async () => {
      logRecords.length = 0;
      const delivery = validWebhookDelivery('github');
      const forgedSecret = 'forged-secret-3f7a9c';
      const response = await sendWebhook(server, delivery, {
        secret: forgedSecret,
      });
      expect(response.status).toBe(401);

      const events = auditEvents(logRecords, 'webhook-rejected');
      expect(events.map(event => event.fields.status)).toEqual([
        'initiated',
        'failed',
      ]);
      expect(events[1]).toMatchObject({
        fields: {
          plugin: 'release-scorecard',
          eventId: 'webhook-rejected',
          severityLevel: 'medium',
          status: 'failed',
          meta: { source: 'github', reason: 'missing or invalid signature' },
          request: {
            method: 'POST',
            url: '/api/release-scorecard/webhooks/github',
          },
        },
      });

      const logged = JSON.stringify(logRecords);
      const signature = createHmac('sha256', forgedSecret)
        .update(delivery.body)
        .digest('hex');
      expect(logged).not.toContain(signature);
      expect(logged).not.toContain(forgedSecret);
      expect(logged).not.toContain(TEST_WEBHOOK_SECRETS.github);
      // The payload names the repository and the workflow run.
      expect(logged).not.toContain('acme/payments-api');
      expect(logged).not.toContain(
        JSON.parse(delivery.body.toString('utf8')).workflow_run.head_sha,
      );
    });

    it('audits a rejected report upload, whose bearer token is not a Backstage token', async () => {
      logRecords.length = 0;
      const response = await sendWebhook(
        server,
        validWebhookDelivery('junit'),
        {
          secret: 'not-the-upload-token',
        },
      );
      expect(response.status).toBe(401);
      const [, failed] = auditEvents(logRecords, 'webhook-rejected');
      expect(failed.fields).toMatchObject({
        status: 'failed',
        meta: { source: 'junit' },
      });
      expect(JSON.stringify(logRecords)).not.toContain('not-the-upload-token');
    });

    it('audits every request to re-evaluate scorecards, allowed or not', async () => {
      logRecords.length = 0;
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', USER)
        .send({ entityRefs: [PAYMENTS_API] })
        .expect(202);
      deniedPermissions.add('release-scorecard.evaluate');
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', OUTSIDER)
        .send({})
        .expect(403);
      deniedPermissions.clear();
      await request(server)
        .post(`${API}/evaluate`)
        .set('Authorization', USER)
        .send({ entityRefs: 'everything' })
        .expect(400);

      const events = auditEvents(logRecords, 'scorecard-evaluate').filter(
        event => event.fields.status !== 'initiated',
      );
      expect(
        events.map(event => ({
          status: event.fields.status,
          actor: (event.fields.actor as any)?.actorId,
          meta: event.fields.meta,
          error: event.fields.error,
        })),
      ).toEqual([
        {
          status: 'succeeded',
          actor: 'user:default/mock',
          meta: { entityRefs: [PAYMENTS_API] },
          error: undefined,
        },
        {
          status: 'failed',
          actor: OUTSIDER_REF,
          meta: undefined,
          error: expect.stringContaining('NotAllowedError'),
        },
        {
          status: 'failed',
          actor: 'user:default/mock',
          meta: undefined,
          error: expect.stringContaining('InputError'),
        },
      ]);
    });
  });
});
