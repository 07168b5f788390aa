import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import { emptyPluginTables } from '../__testUtils__/databaseRows';
import {
  startTestPlugin,
  TEST_WEBHOOK_SECRETS,
} from '../__testUtils__/startTestPlugin';
import {
  hmacHex,
  readFixture,
  readJsonFixture,
} from '../webhooks/__fixtures__/fixtures';

jest.setTimeout(60_000);

/*
 * Real deliveries, signed here the way each tool signs them, against the
 * running plugin; what they leave behind is read back through the read API.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const USER = mockCredentials.user.header();
const PAYMENTS_API = 'component:default/payments-api';
const ENTITY_PATH =
  '/api/release-scorecard/entities/default/component/payments-api';
const REVISION = '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b';
const ENVIRONMENT_ANNOTATION = 'release-scorecard.io/environment';

type Source = keyof typeof TEST_WEBHOOK_SECRETS;
type RecordList = 'deployments' | 'pipelines' | 'incidents';
type Server = Awaited<ReturnType<typeof startTestPlugin>>['server'];
type StartOptions = Parameters<typeof startTestPlugin>[0];

const ALL_SOURCES = Object.keys(TEST_WEBHOOK_SECRETS) as Source[];
const HMAC_SOURCES: Source[] = ['github', 'pagerduty', 'sonarqube'];

/** One HTTP request as a tool sends it, before it is signed. */
interface Delivery {
  source: Source;
  body: Buffer;
  /** What the tool sends besides its signature, e.g. X-GitHub-Event. */
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

// ------------------------------------------------------------------ signing

/**
 * The headers by which each tool proves it sent `body`, computed here
 * independently of the plugin's verification code.
 */
function signatureHeaders(
  source: Source,
  body: Buffer,
  secret: string,
): Record<string, string> {
  switch (source) {
    case 'github':
      return { 'X-Hub-Signature-256': `sha256=${hmacHex(secret, body)}` };
    case 'pagerduty':
      return { 'X-PagerDuty-Signature': `v1=${hmacHex(secret, body)}` };
    case 'sonarqube':
      return { 'X-Sonar-Webhook-HMAC-SHA256': hmacHex(secret, body) };
    case 'gitlab':
      return { 'X-Gitlab-Token': secret };
    default:
      // Argo CD notifications and report uploads.
      return { Authorization: `Bearer ${secret}` };
  }
}

function contentTypeOf(source: Source): string {
  return source === 'junit' || source === 'cobertura'
    ? 'application/xml'
    : 'application/json';
}

/**
 * POSTs the delivery's exact bytes. `signature: 'none'` sends no signature,
 * `secret` signs with another secret, `signedBody` signs other bytes than
 * those sent (a body modified after signing).
 */
function deliver(
  server: Server,
  delivery: Delivery,
  options: { secret?: string; signature?: 'none'; signedBody?: Buffer } = {},
) {
  const secret = options.secret ?? TEST_WEBHOOK_SECRETS[delivery.source];
  return (
    request(server)
      .post(`/api/release-scorecard/webhooks/${delivery.source}`)
      .query(delivery.query ?? {})
      .set('Content-Type', contentTypeOf(delivery.source))
      .set(delivery.headers ?? {})
      .set(
        options.signature === 'none'
          ? {}
          : signatureHeaders(
              delivery.source,
              options.signedBody ?? delivery.body,
              secret,
            ),
      )
      // superagent JSON-encodes a Buffer sent as application/json
      // ({"type":"Buffer","data":[…]}); the signed bytes must go as they are.
      .serialize(body => body)
      .send(delivery.body)
  );
}

/** What the plugin logged; audit events are logged with isAuditEvent. */
interface LogRecord {
  message: string;
  fields: Record<string, unknown>;
}

/** A plugin logger that keeps what it is given, with its child fields. */
function recordingLoggerFactory(records: LogRecord[]) {
  const create = (fields: JsonObject): LoggerService => {
    const log = (message: string, meta?: Error | JsonObject) => {
      records.push({
        message,
        fields: {
          ...fields,
          ...(meta instanceof Error ? { error: meta.message } : meta),
        },
      });
    };
    return {
      error: log,
      warn: log,
      info: log,
      debug: log,
      child: more => create({ ...fields, ...more }),
    };
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => create({}),
  });
}

// ---------------------------------------------------------------- payloads

function json(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

type Change = (body: any) => void;
const noChange: Change = () => {};

/** An Argo CD notification about the Application `payments-api` (the fixtures name it payments-api-prod). */
function argoCd(file: string, change: Change = noChange): Delivery {
  const body = readJsonFixture('argocd', file);
  body.app.metadata.name = 'payments-api';
  change(body);
  return { source: 'argocd', body: json(body) };
}

/**
 * An Argo Rollouts notification for a rollout of `payments-api`, annotated
 * with the Application's environment as docs/webhooks.md asks (the fixtures'
 * rollouts would otherwise land in their namespace, `payments`).
 */
function argoRollout(file: string, change: Change = noChange): Delivery {
  const body = readJsonFixture('argocd', file);
  const metadata = body.rollout.metadata;
  if (metadata.labels['argocd.argoproj.io/instance']) {
    // Label tracking.
    metadata.labels['argocd.argoproj.io/instance'] = 'payments-api';
  } else {
    // Annotation tracking (the aborted fixture).
    metadata.annotations['argocd.argoproj.io/tracking-id'] =
      'argocd_payments-api:argoproj.io/Rollout:payments/payments-api';
  }
  metadata.annotations[ENVIRONMENT_ANNOTATION] = 'production';
  change(body);
  return { source: 'argocd', body: json(body) };
}

/** A GitHub delivery from the repository acme/payments-api. */
function github(event: string, file: string, change: Change = noChange) {
  const body = readJsonFixture('github', file);
  body.repository.full_name = 'acme/payments-api';
  change(body);
  return {
    source: 'github' as const,
    body: json(body),
    headers: {
      'X-GitHub-Event': event,
      'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
    },
  };
}

/** A GitLab delivery; the fixtures already come from acme/payments-api. */
function gitlab(file: string, change?: Change): Delivery {
  const event = file.startsWith('pipeline')
    ? 'Pipeline Hook'
    : 'Deployment Hook';
  let body = readFixture('gitlab', file);
  if (change) {
    const parsed = JSON.parse(body.toString('utf8'));
    change(parsed);
    body = json(parsed);
  }
  return { source: 'gitlab', body, headers: { 'X-Gitlab-Event': event } };
}

/** A PagerDuty V3 delivery about the service PPAYAPI. */
function pagerDuty(file: string, change: Change = noChange): Delivery {
  const body = readJsonFixture('pagerduty', file);
  if (body.event.data.service) {
    body.event.data.service.id = 'PPAYAPI';
  }
  change(body);
  return { source: 'pagerduty', body: json(body) };
}

/** A SonarQube delivery; analysis.ok.json is about acme_payments-api. */
function sonarQube(file: string, change?: Change): Delivery {
  let body = readFixture('sonarqube', file);
  if (change) {
    const parsed = JSON.parse(body.toString('utf8'));
    change(parsed);
    body = json(parsed);
  }
  return { source: 'sonarqube', body };
}

/** A report file uploaded for payments-api at REVISION. */
function upload(
  source: 'trivy' | 'junit' | 'cobertura',
  file: string,
  query: Record<string, string> = {},
): Delivery {
  return {
    source,
    body: readFixture(source, file),
    query: { entityRef: PAYMENTS_API, revision: REVISION, ...query },
  };
}

function withBody(delivery: Delivery, body: Buffer | string): Delivery {
  return {
    ...delivery,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  };
}

// -------------------------------------------------------- expected records

const storedMeta = {
  entityRef: PAYMENTS_API,
  receivedAt: expect.any(String),
  updatedAt: expect.any(String),
};

const argoCdDeployment = {
  ...storedMeta,
  id: `payments-api/${REVISION}`,
  environment: 'production',
  revision: REVISION,
  strategy: 'unknown',
  gitops: true,
  status: 'succeeded',
  startedAt: '2024-05-21T09:12:40.000Z',
  finishedAt: '2024-05-21T09:13:05.000Z',
  commits: [],
  url: 'https://argocd.example.com/applications/argocd/payments-api-prod',
  source: 'argocd',
};

const gitlabPipelineRun = {
  ...storedMeta,
  id: '1284410925',
  revision: REVISION,
  branch: 'main',
  startedAt: '2024-05-21T08:55:12.000Z',
  finishedAt: '2024-05-21T09:08:40.000Z',
  url: 'https://gitlab.com/acme/payments-api/-/pipelines/1284410925',
  source: 'gitlab',
  // Deploy jobs (staging, production) are deployments, not gates; the two
  // parallel unit_tests jobs make one gate.
  gates: [
    {
      gate: 'build-image',
      status: 'passed',
      url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934016',
    },
    {
      gate: 'container-scan',
      status: 'passed',
      url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934020',
    },
    {
      gate: 'static-analysis',
      status: 'passed',
      url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934019',
    },
    {
      gate: 'unit-tests',
      status: 'passed',
      url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934017',
    },
  ],
};

const pagerDutyIncident = {
  ...storedMeta,
  id: 'Q1DNZ3EY0K3Q4L',
  title: 'Payments API: p95 latency above 800 ms',
  // Priority P2.
  severity: 'sev2',
  status: 'open',
  openedAt: '2024-05-21T09:41:07.000Z',
  url: 'https://acme.pagerduty.com/incidents/Q1DNZ3EY0K3Q4L',
  source: 'pagerduty',
};

const trivyMetrics = { critical: 1, high: 2, medium: 3, low: 1 };

/** One delivery per source and event, and the one record it must leave. */
const STORED_CASES: Array<{
  name: string;
  delivery: () => Delivery;
  eventType: string;
  list: RecordList;
  expected: object;
}> = [
  {
    name: 'argocd on-sync-succeeded',
    delivery: () => argoCd('app.on-sync-succeeded.json'),
    eventType: 'on-sync-succeeded',
    list: 'deployments',
    expected: argoCdDeployment,
  },
  {
    name: 'argocd on-sync-failed',
    delivery: () => argoCd('app.on-sync-failed.json'),
    eventType: 'on-sync-failed',
    list: 'deployments',
    expected: {
      ...argoCdDeployment,
      status: 'failed',
      finishedAt: '2024-05-21T09:13:02.000Z',
    },
  },
  {
    name: 'argocd on-rollout-completed with no Argo CD deployment yet',
    delivery: () => argoRollout('rollout.on-rollout-completed.json'),
    eventType: 'on-rollout-completed',
    list: 'deployments',
    expected: {
      ...storedMeta,
      id: 'payments-api/rollout-6d4f8b7c9',
      environment: 'production',
      revision: 'unknown',
      strategy: 'canary',
      gitops: false,
      status: 'succeeded',
      startedAt: '2024-05-21T09:23:41.090Z',
      finishedAt: '2024-05-21T09:23:41.090Z',
      commits: [],
      source: 'argocd',
    },
  },
  {
    name: 'github workflow_run completed',
    delivery: () => github('workflow_run', 'workflow_run.completed.json'),
    eventType: 'workflow_run.completed',
    list: 'pipelines',
    expected: {
      ...storedMeta,
      // Workflows of a commit join the run named after the commit.
      id: '3484a3fb816e0859fd6e1cea078d76385ff50625',
      revision: '3484a3fb816e0859fd6e1cea078d76385ff50625',
      branch: 'master',
      startedAt: '2020-10-05T16:33:24.000Z',
      source: 'github',
      gates: [
        {
          // workflow_run.name is empty: the workflow's name, "test".
          gate: 'test',
          status: 'passed',
          url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
        },
      ],
    },
  },
  {
    name: 'github deployment_status success',
    delivery: () =>
      github('deployment_status', 'deployment_status.created.json'),
    eventType: 'deployment_status.created',
    list: 'deployments',
    expected: {
      ...storedMeta,
      id: '145988746',
      environment: 'production',
      revision: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
      strategy: 'unknown',
      gitops: false,
      status: 'succeeded',
      startedAt: '2019-05-15T15:20:53.000Z',
      finishedAt: '2019-05-15T15:20:55.000Z',
      commits: [],
      source: 'github',
    },
  },
  {
    name: 'github deployment_status in_progress with a payload',
    delivery: () =>
      github('deployment_status', 'deployment_status.in_progress.json'),
    eventType: 'deployment_status.created',
    list: 'deployments',
    expected: {
      ...storedMeta,
      id: '145988750',
      environment: 'production',
      revision: REVISION,
      version: '1.4.0',
      strategy: 'canary',
      gitops: false,
      status: 'in-progress',
      startedAt: '2024-05-21T09:13:40.000Z',
      commits: [
        {
          sha: '4b7e0c9a1d2f3e4a5b6c7d8e9f0a1b2c3d4e5f6a',
          committedAt: '2024-05-20T09:47:39.000Z',
        },
        { sha: REVISION, committedAt: '2024-05-20T16:02:11.000Z' },
      ],
      url: 'https://github.com/Codertocat/Hello-World/actions/runs/9127463920',
      source: 'github',
    },
  },
  {
    name: 'gitlab Pipeline Hook',
    delivery: () => gitlab('pipeline.success.json'),
    eventType: 'pipeline.success',
    list: 'pipelines',
    expected: gitlabPipelineRun,
  },
  {
    name: 'gitlab Deployment Hook',
    delivery: () => gitlab('deployment.success.json'),
    eventType: 'deployment.success',
    list: 'deployments',
    expected: {
      ...storedMeta,
      id: '2213187',
      environment: 'staging',
      // The full SHA of commit_url, not short_sha.
      revision: REVISION,
      strategy: 'unknown',
      gitops: false,
      status: 'succeeded',
      // 2024-05-21 11:08:38 +0200
      startedAt: '2024-05-21T09:08:38.000Z',
      finishedAt: '2024-05-21T09:08:38.000Z',
      commits: [],
      url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934021',
      source: 'gitlab',
    },
  },
  {
    name: 'pagerduty incident.triggered',
    delivery: () => pagerDuty('incident.triggered.json'),
    eventType: 'incident.triggered',
    list: 'incidents',
    expected: pagerDutyIncident,
  },
  {
    name: 'pagerduty incident.resolved',
    delivery: () => pagerDuty('incident.resolved.json'),
    eventType: 'incident.resolved',
    list: 'incidents',
    expected: {
      ...pagerDutyIncident,
      status: 'resolved',
      resolvedAt: '2024-05-21T10:27:53.918Z',
    },
  },
  {
    name: 'sonarqube analysis',
    delivery: () => sonarQube('analysis.ok.json'),
    eventType: 'analysis.success',
    list: 'pipelines',
    expected: {
      ...storedMeta,
      // -Dsonar.analysis.runId=gha-9127463920
      id: 'gha-9127463920',
      revision: REVISION,
      branch: 'main',
      // 2024-05-21T11:04:31+0200
      startedAt: '2024-05-21T09:04:31.000Z',
      source: 'sonarqube',
      gates: [
        {
          gate: 'static-analysis',
          status: 'passed',
          metrics: {
            bugs: 0,
            vulnerabilities: 0,
            codeSmells: 42,
            reliabilityRating: 1,
            maintainabilityRating: 2,
          },
          url: 'https://sonarqube.example.com/dashboard?id=acme_payments-api',
        },
      ],
    },
  },
  {
    name: 'trivy report',
    delivery: () =>
      upload('trivy', 'image.json', { runId: 'build-981', version: '1.4.0' }),
    eventType: 'trivy.report',
    list: 'pipelines',
    expected: {
      ...storedMeta,
      id: 'build-981',
      revision: REVISION,
      version: '1.4.0',
      // The report's CreatedAt.
      startedAt: '2024-05-21T09:02:41.503Z',
      source: 'trivy',
      // One critical finding fails the gate (failOn defaults to critical).
      gates: [
        { gate: 'container-scan', status: 'failed', metrics: trivyMetrics },
      ],
    },
  },
  {
    name: 'junit report',
    delivery: () =>
      upload('junit', 'jest-junit.xml', {
        branch: 'main',
        url: 'https://ci.example.com/jobs/77',
      }),
    eventType: 'junit.report',
    list: 'pipelines',
    expected: {
      ...storedMeta,
      // No runId: a run named after the revision.
      id: REVISION,
      revision: REVISION,
      branch: 'main',
      // The latest testsuite@timestamp.
      startedAt: '2024-05-21T09:03:15.000Z',
      source: 'junit',
      gates: [
        {
          gate: 'unit-tests',
          status: 'failed',
          metrics: { testsTotal: 9, testsFailed: 1 },
          url: 'https://ci.example.com/jobs/77',
        },
      ],
    },
  },
  {
    name: 'cobertura report',
    delivery: () =>
      upload('cobertura', 'istanbul.xml', { gate: 'functional-tests' }),
    eventType: 'cobertura.report',
    list: 'pipelines',
    expected: {
      ...storedMeta,
      id: REVISION,
      revision: REVISION,
      // coverage@timestamp, epoch milliseconds.
      startedAt: '2024-05-21T09:03:12.447Z',
      source: 'cobertura',
      gates: [
        {
          gate: 'functional-tests',
          // Coverage alone says nothing about whether the tests passed.
          status: 'no-verdict',
          metrics: { coverage: 0.86 },
        },
      ],
    },
  },
  {
    name: 'cobertura report under minCoverage',
    delivery: () => upload('cobertura', 'gcovr.xml', { minCoverage: '0.8' }),
    eventType: 'cobertura.report',
    list: 'pipelines',
    expected: {
      ...storedMeta,
      id: REVISION,
      revision: REVISION,
      // coverage@timestamp, epoch seconds (gcovr).
      startedAt: '2024-05-21T09:03:12.000Z',
      source: 'cobertura',
      gates: [
        {
          gate: 'unit-tests',
          status: 'failed',
          metrics: { coverage: 0.7142857142857143 },
        },
      ],
    },
  },
];

/** A correctly signed delivery per source that would be stored if accepted. */
const VALID_DELIVERIES: Record<Source, () => Delivery> = {
  argocd: () => argoCd('app.on-sync-succeeded.json'),
  github: () => github('workflow_run', 'workflow_run.completed.json'),
  gitlab: () => gitlab('pipeline.success.json'),
  pagerduty: () => pagerDuty('incident.triggered.json'),
  sonarqube: () => sonarQube('analysis.ok.json'),
  trivy: () => upload('trivy', 'image.json'),
  junit: () => upload('junit', 'jest-junit.xml'),
  cobertura: () => upload('cobertura', 'istanbul.xml'),
};

describe.each(databases.eachSupportedId())(
  'native webhooks on %s',
  databaseId => {
    let server: Server;
    let knex: Knex | undefined;
    const stops: Array<() => Promise<void>> = [];

    /**
     * A backend on the file's database, emptied first, stopped after the
     * test. One database per engine: a fresh one per test made dropping them
     * all outlast the hook's time-out on a loaded machine.
     */
    const start = async (options: Omit<StartOptions, 'knex'> = {}) => {
      knex ??= await databases.init(databaseId as TestDatabaseId);
      await emptyPluginTables(knex);
      const backend = await startTestPlugin({ ...options, knex });
      // Scheduled tasks hold connections until the backend stops; PostgreSQL
      // would run out of them over this many tests.
      stops.push(() => backend.stop());
      return backend.server;
    };

    afterAll(async () => {
      await knex?.destroy();
    });

    beforeEach(async () => {
      server = await start();
    });

    afterEach(async () => {
      await Promise.all(stops.splice(0).map(stop => stop()));
    });

    const send = (
      delivery: Delivery,
      options?: Parameters<typeof deliver>[2],
    ) => deliver(server, delivery, options);

    const list = async (what: RecordList) =>
      (
        await request(server)
          .get(`${ENTITY_PATH}/${what}`)
          .set('Authorization', USER)
          .expect(200)
      ).body.items;

    const operations = async (
      what: 'unmatched-webhook-events' | 'unknown-entities',
    ) =>
      (
        await request(server)
          .get(`/api/release-scorecard/operations/${what}`)
          .set('Authorization', USER)
          .expect(200)
      ).body.items;

    const expectNothingStored = async () => {
      expect(await list('deployments')).toEqual([]);
      expect(await list('pipelines')).toEqual([]);
      expect(await list('incidents')).toEqual([]);
      expect(await operations('unmatched-webhook-events')).toEqual([]);
      expect(await operations('unknown-entities')).toEqual([]);
    };

    describe('a valid, signed delivery', () => {
      it.each(STORED_CASES.map(c => [c.name, c] as const))(
        'stores %s as the expected record',
        async (_name, { delivery, eventType, list: kind, expected }) => {
          const response = await send(delivery());

          expect(response.status).toBe(202);
          expect(response.body).toEqual({
            eventType,
            accepted: 1,
            updated: 0,
            entityRefs: [PAYMENTS_API],
          });
          expect(await list(kind)).toEqual([expected]);
        },
      );

      it.each(STORED_CASES.map(c => [c.name, c] as const))(
        'keeps one record when %s is delivered again',
        async (_name, { delivery, list: kind }) => {
          await send(delivery()).expect(202);
          const first = await list(kind);

          const again = await send(delivery());

          expect(again.status).toBe(202);
          expect(again.body).toMatchObject({ accepted: 0, updated: 1 });
          const stored = await list(kind);
          expect(stored).toHaveLength(1);
          expect(stored).toEqual([
            { ...first[0], updatedAt: expect.any(String) },
          ]);
        },
      );

      it('accepts a PagerDuty signature among several during secret rotation', async () => {
        const delivery = pagerDuty('incident.triggered.json');
        const signature = hmacHex(
          TEST_WEBHOOK_SECRETS.pagerduty,
          delivery.body,
        );
        await request(server)
          .post('/api/release-scorecard/webhooks/pagerduty')
          .set('Content-Type', 'application/json')
          .set(
            'X-PagerDuty-Signature',
            `v1=${hmacHex('the-old-secret', delivery.body)},v1=${signature}`,
          )
          .serialize(body => body)
          .send(delivery.body)
          .expect(202);
        expect(await list('incidents')).toEqual([pagerDutyIncident]);
      });

      it('joins the reports of one CI run to its pipeline run', async () => {
        await send(gitlab('pipeline.success.json')).expect(202);
        const runId = { runId: '1284410925' };
        await send(upload('trivy', 'image.json', runId)).expect(202, {
          eventType: 'trivy.report',
          accepted: 1,
          updated: 0,
          entityRefs: [PAYMENTS_API],
        });
        await send(upload('junit', 'jest-junit.xml', runId)).expect(202);
        await send(upload('cobertura', 'istanbul.xml', runId)).expect(202);
        await send(
          sonarQube('analysis.ok.json', body => {
            body.properties['sonar.analysis.runId'] = '1284410925';
          }),
        ).expect(202);

        expect(await list('pipelines')).toEqual([
          {
            ...gitlabPipelineRun,
            gates: [
              gitlabPipelineRun.gates[0],
              {
                // GitLab's job passed, Trivy found a critical vulnerability.
                gate: 'container-scan',
                status: 'failed',
                metrics: trivyMetrics,
                url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934020',
              },
              {
                gate: 'static-analysis',
                status: 'passed',
                metrics: {
                  bugs: 0,
                  vulnerabilities: 0,
                  codeSmells: 42,
                  reliabilityRating: 1,
                  maintainabilityRating: 2,
                },
                // The latest report's link: the pipeline finished after the analysis.
                url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934019',
              },
              {
                // JUnit's failed test wins over the passed job; Cobertura adds coverage.
                gate: 'unit-tests',
                status: 'failed',
                metrics: { testsTotal: 9, testsFailed: 1, coverage: 0.86 },
                url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934017',
              },
            ],
          },
        ]);
      });

      it('stores an upload for an entity the catalog does not know, and reports it', async () => {
        const response = await send(
          upload('junit', 'jest-junit.xml', {
            entityRef: 'component:default/not-yet-in-catalog',
          }),
        );

        expect(response.status).toBe(202);
        expect(response.body).toEqual({
          eventType: 'junit.report',
          accepted: 1,
          updated: 0,
          entityRefs: ['component:default/not-yet-in-catalog'],
          unknownEntityRefs: ['component:default/not-yet-in-catalog'],
        });
        expect(await operations('unknown-entities')).toEqual([
          expect.objectContaining({
            entityRef: 'component:default/not-yet-in-catalog',
            records: 1,
          }),
        ]);
        // Named by the sender, not looked up: not an unmatched event.
        expect(await operations('unmatched-webhook-events')).toEqual([]);
        expect(await list('pipelines')).toEqual([]);
      });
    });

    describe('delivery order', () => {
      it('keeps an Argo CD sync succeeded when its "running" notification arrives last', async () => {
        await send(argoCd('app.on-sync-succeeded.json')).expect(202);
        await send(argoCd('app.on-sync-running.json')).expect(202, {
          eventType: 'on-sync-running',
          accepted: 0,
          updated: 1,
          entityRefs: [PAYMENTS_API],
        });

        expect(await list('deployments')).toEqual([argoCdDeployment]);
      });

      it('marks the synced deployment failed when the application degrades later', async () => {
        await send(argoCd('app.on-sync-running.json')).expect(202);
        await send(argoCd('app.on-sync-succeeded.json')).expect(202);
        await send(argoCd('app.on-health-degraded.json')).expect(202);

        expect(await list('deployments')).toEqual([
          { ...argoCdDeployment, status: 'failed' },
        ]);
      });

      it('records the canary strategy and the end of the rollout on the Argo CD deployment', async () => {
        await send(argoCd('app.on-sync-running.json')).expect(202);
        await send(argoCd('app.on-sync-succeeded.json')).expect(202);
        await send(
          argoRollout('rollout.on-rollout-step-completed.json'),
        ).expect(202, {
          eventType: 'on-rollout-step-completed',
          accepted: 0,
          updated: 1,
          entityRefs: [PAYMENTS_API],
        });
        await send(argoRollout('rollout.on-rollout-completed.json')).expect(
          202,
        );

        expect(await list('deployments')).toEqual([
          {
            ...argoCdDeployment,
            strategy: 'canary',
            status: 'succeeded',
            // The rollout's sentAt: the deployment ends when the canary does.
            finishedAt: '2024-05-21T09:23:41.090Z',
          },
        ]);
      });

      it('keeps a rollout aborted after the sync rolled back, even if the sync notification comes again', async () => {
        await send(argoCd('app.on-sync-succeeded.json')).expect(202);
        await send(argoRollout('rollout.on-rollout-aborted.json')).expect(202, {
          eventType: 'on-rollout-aborted',
          accepted: 0,
          updated: 1,
          entityRefs: [PAYMENTS_API],
        });
        await send(argoCd('app.on-sync-succeeded.json')).expect(202);

        expect(await list('deployments')).toEqual([
          {
            ...argoCdDeployment,
            strategy: 'blue-green',
            status: 'rolled-back',
            // The rollout's latest condition change (no sentAt in this template).
            finishedAt: '2024-05-21T14:02:19.000Z',
          },
        ]);
      });

      it('keeps a GitHub deployment succeeded when its in_progress status arrives last', async () => {
        const succeeded = github(
          'deployment_status',
          'deployment_status.in_progress.json',
          body => {
            body.deployment_status.state = 'success';
            body.deployment_status.created_at = '2024-05-21T09:21:40Z';
          },
        );
        await send(succeeded).expect(202);
        await send(
          github('deployment_status', 'deployment_status.in_progress.json'),
        ).expect(202, {
          eventType: 'deployment_status.created',
          accepted: 0,
          updated: 1,
          entityRefs: [PAYMENTS_API],
        });

        const stored = await list('deployments');
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({
          id: '145988750',
          status: 'succeeded',
          strategy: 'canary',
          startedAt: '2024-05-21T09:13:40.000Z',
          finishedAt: '2024-05-21T09:21:40.000Z',
        });
      });

      it('keeps a GitLab deployment succeeded when its running hook arrives last, starting it at the earlier time', async () => {
        await send(gitlab('deployment.success.json')).expect(202);
        await send(
          gitlab('deployment.success.json', body => {
            body.status = 'running';
            body.status_changed_at = '2024-05-21 11:07:01 +0200';
          }),
        ).expect(202);

        const stored = await list('deployments');
        expect(stored).toHaveLength(1);
        expect(stored[0]).toMatchObject({
          id: '2213187',
          status: 'succeeded',
          startedAt: '2024-05-21T09:07:01.000Z',
          finishedAt: '2024-05-21T09:08:38.000Z',
        });
      });

      it('keeps a PagerDuty incident resolved when incident.triggered arrives after incident.resolved', async () => {
        await send(pagerDuty('incident.resolved.json')).expect(202);
        await send(pagerDuty('incident.triggered.json')).expect(202, {
          eventType: 'incident.triggered',
          accepted: 0,
          updated: 1,
          entityRefs: [PAYMENTS_API],
        });

        expect(await list('incidents')).toEqual([
          {
            ...pagerDutyIncident,
            status: 'resolved',
            resolvedAt: '2024-05-21T10:27:53.918Z',
          },
        ]);
      });

      it('keeps the newer result of a workflow when an older run of it arrives late', async () => {
        await send(
          github('workflow_run', 'workflow_run.completed.json'),
        ).expect(202);
        await send(
          github('workflow_run', 'workflow_run.completed.json', body => {
            body.workflow_run.conclusion = 'failure';
            body.workflow_run.updated_at = '2020-10-05T16:30:02Z';
          }),
        ).expect(202);

        const [run] = await list('pipelines');
        expect(run.gates).toEqual([
          expect.objectContaining({ gate: 'test', status: 'passed' }),
        ]);
      });
    });

    describe('signatures', () => {
      it.each(ALL_SOURCES)(
        'refuses a %s delivery signed with a wrong secret or not signed, and stores nothing',
        async source => {
          const delivery = VALID_DELIVERIES[source]();

          const wrong = await send(delivery, { secret: 'not-the-secret' });
          expect(wrong.status).toBe(401);
          expect(wrong.body.error).toEqual({
            name: 'AuthenticationError',
            message: `Missing or invalid signature for webhook source ${source}`,
          });
          await send(delivery, { signature: 'none' }).expect(401);
          // Another tool's way of signing does not count either.
          const other = source === 'gitlab' ? 'github' : 'gitlab';
          await request(server)
            .post(`/api/release-scorecard/webhooks/${source}`)
            .query(delivery.query ?? {})
            .set('Content-Type', contentTypeOf(source))
            .set(delivery.headers ?? {})
            .set(
              signatureHeaders(
                other,
                delivery.body,
                TEST_WEBHOOK_SECRETS[source],
              ),
            )
            .serialize(body => body)
            .send(delivery.body)
            .expect(401);

          await expectNothingStored();
        },
      );

      it.each(HMAC_SOURCES)(
        'refuses a %s delivery whose body was changed after signing',
        async source => {
          const delivery = VALID_DELIVERIES[source]();
          const parsed = JSON.parse(delivery.body.toString('utf8'));

          const responses = [
            // The same document, re-serialised: other bytes.
            await send(withBody(delivery, JSON.stringify(parsed, null, 2)), {
              signedBody: delivery.body,
            }),
            // One byte appended.
            await send(
              withBody(
                delivery,
                Buffer.concat([delivery.body, Buffer.from(' ')]),
              ),
              { signedBody: delivery.body },
            ),
          ];

          expect(responses.map(r => r.status)).toEqual([401, 401]);
          await expectNothingStored();
        },
      );

      it.each(['argocd', 'trivy', 'junit', 'cobertura'] as const)(
        'wants the %s token as a bearer token',
        async source => {
          const delivery = VALID_DELIVERIES[source]();
          const token = TEST_WEBHOOK_SECRETS[source];
          const statuses = [];
          for (const authorization of [
            `Basic ${Buffer.from(`user:${token}`).toString('base64')}`,
            token,
            `Bearer ${token}x`,
            `Bearer ${TEST_WEBHOOK_SECRETS.gitlab}`,
          ]) {
            const response = await send(delivery, {
              signature: 'none',
            }).set('Authorization', authorization);
            statuses.push(response.status);
          }

          expect(statuses).toEqual([401, 401, 401, 401]);
          await expectNothingStored();
        },
      );

      it('audits each refused delivery with its source, never with its token or signature', async () => {
        const records: LogRecord[] = [];
        const audited = await start({
          features: [recordingLoggerFactory(records)],
        });
        const argo = VALID_DELIVERIES.argocd();
        const hub = VALID_DELIVERIES.github();

        // A bearer token that is not a Backstage token, and a wrong HMAC.
        const refusedArgo = await deliver(audited, argo, {
          secret: 'guessed-token',
        });
        const refusedHub = await deliver(audited, hub, {
          secret: 'guessed-secret',
        });

        for (const [response, source] of [
          [refusedArgo, 'argocd'],
          [refusedHub, 'github'],
        ] as const) {
          expect(response.status).toBe(401);
          expect(response.body.error).toEqual({
            name: 'AuthenticationError',
            message: `Missing or invalid signature for webhook source ${source}`,
          });
        }
        const audits = records.filter(
          r =>
            r.fields.isAuditEvent === true &&
            r.message === 'release-scorecard.webhook-rejected',
        );
        expect(audits.map(r => [r.fields.status, r.fields.meta])).toEqual([
          ['initiated', expect.objectContaining({ source: 'argocd' })],
          ['failed', expect.objectContaining({ source: 'argocd' })],
          ['initiated', expect.objectContaining({ source: 'github' })],
          ['failed', expect.objectContaining({ source: 'github' })],
        ]);
        const logged = JSON.stringify(records);
        expect(logged).not.toContain('guessed-token');
        expect(logged).not.toContain(hmacHex('guessed-secret', hub.body));
      });

      it('verifies the signature before it even looks at the event', async () => {
        const ping = github('ping', 'ping.json');
        const responses = [
          await send(ping, { signature: 'none' }),
          await send(ping, { secret: 'not-the-secret' }),
          await send(withBody(ping, '{not json'), { signature: 'none' }),
        ];

        // Not the 200 of an ignored ping, nor the 400 of a body that is not JSON.
        expect(responses.map(r => r.status)).toEqual([401, 401, 401]);
      });
    });

    describe('events for no known entity', () => {
      it('accepts them, stores nothing and counts them for operators', async () => {
        const unmatched: Array<[Delivery, string]> = [
          // The fixtures' own annotation values, which no test entity has.
          [
            {
              source: 'argocd',
              body: readFixture('argocd', 'app.on-sync-running.json'),
            },
            'on-sync-running',
          ],
          [
            {
              source: 'argocd',
              body: readFixture('argocd', 'app.on-sync-succeeded.json'),
            },
            'on-sync-succeeded',
          ],
          [
            {
              source: 'github',
              body: readFixture('github', 'deployment_status.created.json'),
              headers: { 'X-GitHub-Event': 'deployment_status' },
            },
            'deployment_status.created',
          ],
          [
            gitlab('pipeline.success.json', body => {
              body.project.path_with_namespace = 'acme/not-in-the-catalog';
            }),
            'pipeline.success',
          ],
          [
            {
              source: 'pagerduty',
              body: readFixture('pagerduty', 'incident.triggered.json'),
            },
            'incident.triggered',
          ],
          [
            {
              source: 'sonarqube',
              body: readFixture('sonarqube', 'analysis.error.json'),
            },
            'analysis.success',
          ],
        ];
        for (const [delivery, eventType] of unmatched) {
          const response = await send(delivery);
          expect(response.status).toBe(202);
          expect(response.body).toEqual({
            eventType,
            accepted: 0,
            updated: 0,
            entityRefs: [],
            unmatched:
              'No catalog entity matched this event; it was counted for operators.',
          });
        }

        expect(await list('deployments')).toEqual([]);
        expect(await list('pipelines')).toEqual([]);
        expect(await list('incidents')).toEqual([]);
        const seen = {
          firstSeenAt: expect.any(String),
          lastSeenAt: expect.any(String),
        };
        expect(await operations('unmatched-webhook-events')).toEqual([
          {
            ...seen,
            source: 'argocd',
            lookup: 'argocd/app-name=payments-api-prod',
            events: 2,
            lastEvent: 'on-sync-succeeded',
          },
          {
            ...seen,
            source: 'github',
            lookup: 'github.com/project-slug=Codertocat/Hello-World',
            events: 1,
            lastEvent: 'deployment_status.created',
          },
          {
            ...seen,
            source: 'gitlab',
            lookup: 'gitlab.com/project-slug=acme/not-in-the-catalog',
            events: 1,
            lastEvent: 'pipeline.success',
          },
          {
            ...seen,
            source: 'pagerduty',
            lookup: 'pagerduty.com/service-id=PF9KMXH',
            events: 1,
            lastEvent: 'incident.triggered',
          },
          {
            ...seen,
            source: 'sonarqube',
            lookup: 'sonarqube.org/project-key=org.sonarqube:example',
            events: 1,
            lastEvent: 'analysis.success',
          },
        ]);
        // Not refs anybody sent: nothing for the unknown-entities report.
        expect(await operations('unknown-entities')).toEqual([]);
      });
    });

    describe('disabled sources', () => {
      it('answers 404 for a source without a secret, and for unknown sources', async () => {
        // `config` replaces the helper's releaseScorecard.webhooks: only
        // SonarQube has a secret; GitHub has settings but no secret, PagerDuty
        // an empty one.
        const partial = await start({
          config: {
            webhooks: {
              sonarqube: { secret: TEST_WEBHOOK_SECRETS.sonarqube },
              github: { workflowGates: { test: 'unit-tests' } },
              pagerduty: { secret: '' },
            },
          },
        });

        for (const source of ALL_SOURCES.filter(s => s !== 'sonarqube')) {
          // Signed with the secret the source would have had.
          const response = await deliver(partial, VALID_DELIVERIES[source]());
          expect(response.status).toBe(404);
          expect(response.body.error.message).toBe(
            `Webhook source ${source} is not enabled; set releaseScorecard.webhooks.${source}.secret`,
          );
        }
        // An empty secret must not let an empty-key HMAC through.
        const pagerduty = VALID_DELIVERIES.pagerduty();
        await deliver(partial, pagerduty, { secret: '' }).expect(404);
        await request(partial)
          .post('/api/release-scorecard/webhooks/jenkins')
          .set('Content-Type', 'application/json')
          .send('{}')
          .expect(404);
        // The backend itself works: the enabled source stores.
        await deliver(partial, VALID_DELIVERIES.sonarqube()).expect(202);

        const read = async (what: RecordList) =>
          (
            await request(partial)
              .get(`${ENTITY_PATH}/${what}`)
              .set('Authorization', USER)
              .expect(200)
          ).body.items;
        expect(await read('deployments')).toEqual([]);
        expect(await read('incidents')).toEqual([]);
        expect(await read('pipelines')).toEqual([
          expect.objectContaining({
            id: 'gha-9127463920',
            source: 'sonarqube',
          }),
        ]);
      });
    });

    describe('malformed payloads', () => {
      const notJson = '{"event": {"event_type": "incident.triggered"';
      const MALFORMED: Array<[string, () => Delivery, string]> = [
        [
          'argocd: not JSON',
          () => withBody(VALID_DELIVERIES.argocd(), notJson),
          'The request body is not valid JSON',
        ],
        [
          'github: not JSON',
          () => withBody(VALID_DELIVERIES.github(), notJson),
          'The request body is not valid JSON',
        ],
        [
          'gitlab: not JSON',
          () => withBody(VALID_DELIVERIES.gitlab(), notJson),
          'The request body is not valid JSON',
        ],
        [
          'pagerduty: not JSON',
          () => withBody(VALID_DELIVERIES.pagerduty(), notJson),
          'The request body is not valid JSON',
        ],
        [
          'sonarqube: not JSON',
          () => withBody(VALID_DELIVERIES.sonarqube(), notJson),
          'The request body is not valid JSON',
        ],
        [
          'trivy: not JSON',
          () => withBody(VALID_DELIVERIES.trivy(), notJson),
          'The request body is not valid JSON',
        ],
        [
          'pagerduty: an empty body',
          () => withBody(VALID_DELIVERIES.pagerduty(), ''),
          'The request body is empty, expected a JSON document',
        ],
        [
          'argocd: an application without a name',
          () =>
            argoCd('app.on-sync-succeeded.json', body => {
              delete body.app.metadata.name;
            }),
          'Invalid Argo CD notification: app.metadata.name',
        ],
        [
          'github: a deployment without its commit',
          () =>
            github(
              'deployment_status',
              'deployment_status.created.json',
              body => {
                delete body.deployment.sha;
              },
            ),
          'Invalid GitHub deployment_status payload: deployment.sha',
        ],
        [
          'github: no X-GitHub-Event header',
          () => ({ ...VALID_DELIVERIES.github(), headers: {} }),
          'The X-GitHub-Event header is missing',
        ],
        [
          'gitlab: a pipeline without its commit',
          () =>
            gitlab('pipeline.success.json', body => {
              delete body.object_attributes.sha;
            }),
          'Invalid GitLab Pipeline Hook payload: object_attributes.sha',
        ],
        [
          'pagerduty: an incident without its creation time',
          () =>
            pagerDuty('incident.triggered.json', body => {
              body.event.data.created_at = 'yesterday';
            }),
          'event.data.created_at is not a valid timestamp: "yesterday"',
        ],
        [
          'sonarqube: an analysis without a revision',
          () =>
            sonarQube('analysis.ok.json', body => {
              delete body.revision;
            }),
          'Invalid SonarQube webhook payload: revision: missing',
        ],
        [
          'trivy: an upload without entityRef',
          () => ({
            ...VALID_DELIVERIES.trivy(),
            query: { revision: REVISION },
          }),
          'The query parameter entityRef is required',
        ],
        [
          'junit: billion laughs',
          () =>
            withBody(
              VALID_DELIVERIES.junit(),
              readFixture('xml', 'billion-laughs.xml'),
            ),
          'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
        ],
        [
          'junit: an external entity (XXE)',
          () =>
            withBody(VALID_DELIVERIES.junit(), readFixture('xml', 'xxe.xml')),
          'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
        ],
        [
          'cobertura: a DTD subset loading a remote entity',
          () =>
            withBody(
              VALID_DELIVERIES.cobertura(),
              readFixture('xml', 'xxe-external-dtd-entity.xml'),
            ),
          'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
        ],
        [
          'junit: not XML',
          () =>
            withBody(
              VALID_DELIVERIES.junit(),
              '<testsuite name="x"><testcase>',
            ),
          'Invalid XML at line',
        ],
        [
          'cobertura: a JUnit report',
          () =>
            withBody(
              VALID_DELIVERIES.cobertura(),
              readFixture('junit', 'surefire.xml'),
            ),
          'Invalid Cobertura report: expected a <coverage> root element',
        ],
      ];

      it.each(MALFORMED)(
        'refuses %s with 400 and stores nothing',
        async (_name, delivery, message) => {
          const response = await send(delivery());

          expect(response.status).toBe(400);
          expect(response.body.error.name).toBe('InputError');
          expect(response.body.error.message).toContain(message);
          await expectNothingStored();
        },
      );
    });

    describe('ignored events', () => {
      const IGNORED: Array<[string, () => Delivery, string, string]> = [
        [
          'a GitHub ping',
          () => github('ping', 'ping.json'),
          'ping',
          'GitHub sends ping when the webhook is created',
        ],
        [
          'a GitHub workflow run in progress',
          () =>
            github('workflow_run', 'workflow_run.completed.json', body => {
              body.action = 'in_progress';
              body.workflow_run.status = 'in_progress';
              body.workflow_run.conclusion = null;
            }),
          'workflow_run.in_progress',
          'Only completed workflow runs report a gate, this one is in_progress',
        ],
        [
          'an inactive GitHub deployment',
          () =>
            github(
              'deployment_status',
              'deployment_status.created.json',
              body => {
                body.deployment_status.state = 'inactive';
              },
            ),
          'deployment_status.created',
          'The deployment state inactive does not change a deployment',
        ],
        [
          'a GitLab pipeline still running',
          () =>
            gitlab('pipeline.success.json', body => {
              body.object_attributes.status = 'running';
            }),
          'pipeline.running',
          'The pipeline is running; only finished pipelines',
        ],
        [
          'a PagerDuty note',
          () => pagerDuty('incident.annotated.json'),
          'incident.annotated',
          "The incident.annotated event does not change an incident's state",
        ],
        [
          'an Argo CD trigger the scorecard does not use',
          () =>
            argoCd('app.on-sync-succeeded.json', body => {
              body.trigger = 'on-created';
            }),
          'on-created',
          'The on-created trigger does not change a deployment',
        ],
      ];

      it.each(IGNORED)(
        'acknowledges %s with 200 and stores nothing',
        async (_name, delivery, eventType, reason) => {
          const response = await send(delivery());

          expect(response.status).toBe(200);
          expect(response.body).toEqual({
            ignored: true,
            eventType,
            reason: expect.stringContaining(reason),
          });
          await expectNothingStored();
        },
      );
    });
  },
);
