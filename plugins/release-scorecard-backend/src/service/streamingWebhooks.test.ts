import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  releaseScorecardWebhookSourcesExtensionPoint,
  StreamingWebhookSource,
  verifyBearerToken,
} from '@internal/plugin-release-scorecard-node';
import http from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import { gzipSync } from 'zlib';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';

/*
 * A streaming webhook source (StreamingWebhookSource) is verified from the
 * headers before any of the body is read, reads the body as it arrives, and
 * is held to its own body limit.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const SERVICE = mockCredentials.service.header();
const API = '/api/release-scorecard';
const TOKEN = 'lines-token';
const MAX_BODY_BYTES = 1024 * 1024;

/** Bodies the source began to read, to show which requests were never read. */
let bodiesRead = 0;

/** Counts the lines of an upload, refusing a line that reads BAD. */
const lineCountSource: StreamingWebhookSource = {
  name: 'linecount',
  streaming: true,
  maxBodyBytes: MAX_BODY_BYTES,
  verify: verifyBearerToken,
  async map(delivery) {
    bodiesRead += 1;
    let lines = 0;
    let bytes = 0;
    let partial = '';
    for await (const chunk of delivery.body) {
      bytes += chunk.length;
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop()!;
      for (const line of parts) {
        lines += 1;
        if (line === 'BAD') {
          throw new InputError(`line ${lines}: BAD`);
        }
      }
    }
    return {
      kind: 'event',
      event: {
        eventType: 'linecount.upload',
        lookup: {
          type: 'entityRef',
          entityRef: 'component:default/payments-api',
        },
        gateReports: [
          {
            revision: 'abc123',
            runId: 'run-1',
            gate: 'e2e-smoke',
            status: 'passed',
            metrics: { lines, bytes },
            reportedAt: '2026-11-20T10:00:00.000Z',
          },
        ],
        notes: [`${lines} lines`],
      },
    };
  },
};

const lineCountModule = createBackendModule({
  pluginId: 'release-scorecard',
  moduleId: 'linecount',
  register(env) {
    env.registerInit({
      deps: { sources: releaseScorecardWebhookSourcesExtensionPoint },
      async init({ sources }) {
        sources.addWebhookSource(lineCountSource);
      },
    });
  },
});

interface Answer {
  status: number;
  body: any;
}

/**
 * A POST with the given headers whose body is sent only if `body` is given:
 * a server that waited for a body it was never sent would not answer.
 */
function post(
  server: http.Server,
  headers: http.OutgoingHttpHeaders,
  body?: Buffer | (() => AsyncIterable<Buffer>),
): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        method: 'POST',
        path: `${API}/webhooks/linecount`,
        headers,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          req.destroy();
          resolve({
            status: res.statusCode!,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
          });
        });
      },
    );
    req.on('error', reject);
    if (body === undefined) {
      req.flushHeaders();
    } else if (Buffer.isBuffer(body)) {
      req.end(body);
    } else {
      (async () => {
        for await (const chunk of body()) {
          if (!req.write(chunk)) {
            await new Promise(drained => req.once('drain', drained));
          }
        }
        req.end();
      })().catch(() => {
        // The server may answer, and stop reading, before all is sent.
      });
    }
  });
}

describe.each(databases.eachSupportedId())(
  'streaming webhook sources on %s',
  databaseId => {
    let backend: Awaited<ReturnType<typeof startTestPlugin>>;
    let knex: Awaited<ReturnType<typeof databases.init>>;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      backend = await startTestPlugin({
        knex,
        features: [lineCountModule],
        config: { webhooks: { linecount: { secret: TOKEN } } },
      });
    });

    afterAll(async () => {
      await backend.stop();
      await knex.destroy();
    });

    beforeEach(() => {
      bodiesRead = 0;
    });

    it('refuses a request without the token from its headers, never reading the body', async () => {
      const answer = await post(backend.server, {
        'Content-Length': 500_000,
        Authorization: 'Bearer wrong',
      });
      expect(answer).toEqual({
        status: 401,
        body: {
          error: {
            name: 'AuthenticationError',
            message:
              'Missing or invalid signature for webhook source linecount',
          },
        },
      });
      expect(bodiesRead).toBe(0);
    });

    it('answers 413 to a declared length over the limit before reading', async () => {
      const answer = await post(backend.server, {
        'Content-Length': MAX_BODY_BYTES + 1,
        Authorization: `Bearer ${TOKEN}`,
      });
      expect(answer.status).toBe(413);
      expect(answer.body.error.message).toBe(
        'Body is larger than 1048576 bytes, the most the linecount source accepts',
      );
    });

    it('answers 413 once a body sent in chunks passes the limit', async () => {
      const answer = await post(
        backend.server,
        { Authorization: `Bearer ${TOKEN}`, 'Transfer-Encoding': 'chunked' },
        async function* body() {
          for (let i = 0; i < 40; i++) {
            yield Buffer.alloc(64 * 1024, 'line\n');
          }
        },
      );
      expect(answer.status).toBe(413);
      expect(bodiesRead).toBe(1);
    });

    it('reads a gzip body, stores the gate and returns the notes', async () => {
      const text = 'one\ntwo\nthree\n';
      const answer = await post(
        backend.server,
        {
          Authorization: `Bearer ${TOKEN}`,
          'Content-Encoding': 'gzip',
        },
        gzipSync(Buffer.from(text)),
      );
      expect(answer).toEqual({
        status: 202,
        body: {
          eventType: 'linecount.upload',
          accepted: 1,
          updated: 0,
          entityRefs: ['component:default/payments-api'],
          notes: ['3 lines'],
        },
      });
      const runs = await request(backend.server)
        .get(`${API}/entities/default/component/payments-api/pipelines`)
        .set('Authorization', SERVICE)
        .expect(200);
      expect(runs.body.items).toEqual([
        expect.objectContaining({
          id: 'run-1',
          gates: [
            expect.objectContaining({
              gate: 'e2e-smoke',
              status: 'passed',
              metrics: { lines: 3, bytes: text.length },
            }),
          ],
        }),
      ]);
    });

    it('answers 400 for a malformed body even while more is being sent', async () => {
      const answer = await post(
        backend.server,
        { Authorization: `Bearer ${TOKEN}`, 'Transfer-Encoding': 'chunked' },
        async function* body() {
          yield Buffer.from('fine\nBAD\n');
          for (let i = 0; i < 8; i++) {
            yield Buffer.alloc(64 * 1024, 'more\n');
          }
        },
      );
      expect(answer).toEqual({
        status: 400,
        body: expect.objectContaining({
          error: expect.objectContaining({
            name: 'InputError',
            message: 'line 2: BAD',
          }),
        }),
      });
    });

    it('refuses a Content-Encoding it cannot decode, and gzip that is not', async () => {
      const brotli = await post(
        backend.server,
        { Authorization: `Bearer ${TOKEN}`, 'Content-Encoding': 'br' },
        Buffer.from('x\n'),
      );
      expect(brotli.status).toBe(415);
      expect(brotli.body.error.message).toBe(
        'Unsupported Content-Encoding "br"; send the body as is, gzip or deflate',
      );
      const broken = await post(
        backend.server,
        { Authorization: `Bearer ${TOKEN}`, 'Content-Encoding': 'gzip' },
        Buffer.from('not gzip at all\n'),
      );
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toBe(
        'Body is not valid gzip data; send it uncompressed or compressed as its Content-Encoding says',
      );
    });
  },
);

describe('a streaming source without a secret', () => {
  it('is not enabled, and its body is never read', async () => {
    const knex = await databases.init('SQLITE_3');
    const backend = await startTestPlugin({
      knex,
      features: [lineCountModule],
    });
    bodiesRead = 0;
    const answer = await post(backend.server, { 'Content-Length': 10 });
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toBe(
      'Webhook source linecount is not enabled; set releaseScorecard.webhooks.linecount.secret',
    );
    expect(bodiesRead).toBe(0);
    await backend.stop();
    await knex.destroy();
  });
});
