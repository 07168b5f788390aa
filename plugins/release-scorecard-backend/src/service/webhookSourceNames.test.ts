import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import {
  startTestPlugin,
  TEST_WEBHOOK_SECRETS,
} from '../__testUtils__/startTestPlugin';
import {
  sendWebhook,
  validWebhookDelivery,
} from '../__testUtils__/webhookDeliveries';
import { BUILT_IN_WEBHOOK_SOURCES } from '../webhooks/sources';

jest.setTimeout(120_000);

/*
 * `POST /webhooks/:source` takes its source name from the caller. Only a
 * registered source's name may select configuration: any other name is a 404
 * that reveals nothing configured, before a configuration key is built from
 * it (`github.secret` used to read the secret's key and answer 500 saying so).
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const WEBHOOKS = '/api/release-scorecard/webhooks';
const REGISTERED = BUILT_IN_WEBHOOK_SOURCES.map(source => source.name);
const UNKNOWN = {
  name: 'NotFoundError',
  message: `Unknown webhook source; the sources are ${[...REGISTERED]
    .sort()
    .join(', ')}`,
};
/** Configured, but no source of that name is registered. */
const JENKINS_SECRET = 'jenkins-configured-secret';

/** Path segments as a caller may send them, unencoded. */
const HOSTILE_SEGMENTS = [
  'github.secret',
  'github.workflowGates',
  '..',
  '.',
  '%2e%2e',
  '%2E%2E%2Fgithub',
  'a%20b',
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'hasOwnProperty',
  'GitHub',
  'GITHUB',
  'github%00',
  'github.',
  '.github',
  'github%2Fsecret',
  'jenkins',
];

describe.each(databases.eachSupportedId())(
  'webhook source names on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestPlugin>>['server'];
    let stop: () => Promise<void>;
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestPlugin({
        knex,
        config: {
          webhooks: {
            ...Object.fromEntries(
              Object.entries(TEST_WEBHOOK_SECRETS)
                .filter(([source]) => source !== 'gitlab')
                .map(([source, secret]) => [source, { secret }]),
            ),
            github: {
              secret: TEST_WEBHOOK_SECRETS.github,
              workflowGates: { test: 'unit-tests' },
            },
            jenkins: { secret: JENKINS_SECRET },
          },
        },
      });
      server = backend.server;
      stop = () => backend.stop();
    });

    afterAll(async () => {
      await stop();
      await knex.destroy();
    });

    /** Nothing configured shows in the answer. */
    const expectNothingConfigured = (response: request.Response) => {
      const text = JSON.stringify(response.body);
      for (const secret of [
        ...Object.values(TEST_WEBHOOK_SECRETS),
        JENKINS_SECRET,
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/releaseScorecard|Invalid type|config/i);
    };

    it.each(HOSTILE_SEGMENTS)(
      'answers 404 for /webhooks/%s without reading configuration',
      async segment => {
        const response = await request(server)
          .post(`${WEBHOOKS}/${segment}`)
          .set('Content-Type', 'application/json')
          .send('{}');
        expect({ status: response.status, error: response.body.error }).toEqual(
          { status: 404, error: UNKNOWN },
        );
        expectNothingConfigured(response);
      },
    );

    it('answers 404 for any name but a registered source, whatever the body and headers', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .oneof(
              fc.string({ minLength: 1 }),
              fc.string({ minLength: 1, unit: 'binary' }),
              fc
                .tuple(
                  fc.constantFrom(...REGISTERED),
                  fc.string({ minLength: 1 }),
                )
                .map(([name, suffix]) => `${name}${suffix}`),
              fc.constantFrom(...REGISTERED).map(name => name.toUpperCase()),
            )
            .filter(name => !REGISTERED.includes(name)),
          fc.constantFrom(...Object.values(TEST_WEBHOOK_SECRETS)),
          async (name, secret) => {
            const response = await request(server)
              .post(`${WEBHOOKS}/${encodeURIComponent(name)}`)
              .set('Authorization', `Bearer ${secret}`)
              .set('Content-Type', 'application/json')
              .send('{}');
            expect({
              name,
              status: response.status,
              error: response.body.error,
            }).toEqual({ name, status: 404, error: UNKNOWN });
            expectNothingConfigured(response);
          },
        ),
      );
    });

    it('refuses an unknown source before it reads the body', async () => {
      const response = await request(server)
        .post(`${WEBHOOKS}/jenkins`)
        .set('Content-Type', 'application/json')
        .send(Buffer.alloc(6 * 1024 * 1024, 'a').toString('utf8'));
      // Not 413: the body over the limit was never read.
      expect({ status: response.status, error: response.body.error }).toEqual({
        status: 404,
        error: UNKNOWN,
      });
    });

    it('still serves the registered sources: enabled ones check signatures, disabled ones say how to enable them', async () => {
      const delivery = validWebhookDelivery('github');
      expect((await sendWebhook(server, delivery)).status).toBe(202);
      const unsigned = await sendWebhook(server, delivery, {
        signature: 'none',
      });
      expect({ status: unsigned.status, error: unsigned.body.error }).toEqual({
        status: 401,
        error: {
          name: 'AuthenticationError',
          message: 'Missing or invalid signature for webhook source github',
        },
      });
      const disabled = await sendWebhook(
        server,
        validWebhookDelivery('gitlab'),
      );
      expect({ status: disabled.status, error: disabled.body.error }).toEqual({
        status: 404,
        error: {
          name: 'NotFoundError',
          message:
            'Webhook source gitlab is not enabled; set releaseScorecard.webhooks.gitlab.secret',
        },
      });
    });
  },
);
