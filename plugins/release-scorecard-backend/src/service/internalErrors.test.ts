import {
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
import {
  AuthenticationError,
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  NotImplementedError,
  NotModifiedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import fc from 'fast-check';
import { Knex } from 'knex';
import request from 'supertest';
import { listTables } from '../__testUtils__/databaseRows';
import { startTestPlugin } from '../__testUtils__/startTestPlugin';
import { toCallerError } from './router';

jest.setTimeout(120_000);

/*
 * A 5xx tells the caller that an internal error occurred and its log id,
 * nothing else: no SQL, no table names, no stack. The original goes to the
 * plugin's log under that id. Backstage's own filter only catches pg's
 * DatabaseError; SQLite's errors and knex's messages (with their SQL) went
 * out as they were.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const API = '/api/release-scorecard';
const USER = mockCredentials.user.header();
const SERVICE = mockCredentials.service.header();
const ENTITY = '/entities/default/component/payments-api';

const INTERNAL_MESSAGE = /^An internal error occurred logId=([0-9a-f]{20})$/;
/** What a database error says: SQL, and where it happened. */
const SQL = /\b(select|insert|update|delete|from|where|into|returning)\b/i;
const STACK_FRAME = /\bat\s+\S+\s+\(|\bat\s+\/|\.(ts|js):\d+/;

interface LogRecord {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

/** A plugin logger that keeps what it is given, errors with their message. */
function recordingLogger(records: LogRecord[]) {
  const create = (fields: JsonObject): LoggerService => {
    const log =
      (level: string) => (message: string, meta?: Error | JsonObject) => {
        records.push({
          level,
          message,
          fields: {
            ...fields,
            // Duck-typed: better-sqlite3's errors may come from another
            // realm of the test run, failing instanceof Error.
            ...(isError(meta)
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

/** Requests that read or write a table the tests drop. */
const BROKEN_REQUESTS: Array<{
  name: string;
  table: string;
  send: (server: any) => request.Test;
}> = [
  {
    name: 'GET pipelines',
    table: 'pipeline_runs',
    send: server =>
      request(server)
        .get(`${API}${ENTITY}/pipelines`)
        .set('Authorization', USER),
  },
  {
    name: 'GET history',
    table: 'rule_status_changes',
    send: server =>
      request(server).get(`${API}${ENTITY}/history`).set('Authorization', USER),
  },
  {
    name: 'GET unknown entities',
    table: 'unknown_entity_refs',
    send: server =>
      request(server)
        .get(`${API}/operations/unknown-entities`)
        .set('Authorization', USER),
  },
  {
    name: 'POST incidents',
    table: 'incidents',
    send: server =>
      request(server)
        .post(`${API}/ingest/incidents`)
        .set('Authorization', SERVICE)
        .send({
          incidents: [
            {
              id: 'INC-1',
              entityRef: 'component:default/payments-api',
              title: 'Checkout latency',
              severity: 'sev2',
              status: 'open',
              openedAt: '2026-11-20T11:00:00Z',
            },
          ],
        }),
  },
];

describe.each(databases.eachSupportedId())(
  'internal errors on %s',
  databaseId => {
    let server: any;
    let stop: () => Promise<void>;
    let knex: Knex;
    let tables: string[];
    const logRecords: LogRecord[] = [];

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      const backend = await startTestPlugin({
        knex,
        features: [recordingLogger(logRecords)],
      });
      server = backend.server;
      stop = () => backend.stop();
      tables = await listTables(knex);
      // A table the route needs is gone: a real error of the engine.
      for (const { table } of BROKEN_REQUESTS) {
        await knex.schema.dropTable(table);
      }
    });

    afterAll(async () => {
      await stop();
      await knex.destroy();
    });

    it('finds the tables it names', () => {
      expect(tables).toEqual(
        expect.arrayContaining([
          'deployments',
          'pipeline_runs',
          'incidents',
          'rule_results',
          ...BROKEN_REQUESTS.map(r => r.table),
        ]),
      );
    });

    it.each(BROKEN_REQUESTS.map(r => [r.name, r] as const))(
      '%s answers 500 with a log id, and logs the database error under it',
      async (_, { table, send }) => {
        logRecords.length = 0;
        const response = await send(server);

        expect(response.status).toBe(500);
        expect(response.body).toEqual({
          error: {
            name: 'Error',
            message: expect.stringMatching(INTERNAL_MESSAGE),
          },
          request: { method: expect.any(String), url: expect.any(String) },
          response: { statusCode: 500 },
        });
        const said = JSON.stringify(response.body.error);
        expect(said).not.toMatch(SQL);
        expect(said).not.toMatch(STACK_FRAME);
        for (const name of tables) {
          expect(said).not.toContain(name);
        }

        const logId = INTERNAL_MESSAGE.exec(response.body.error.message)![1];
        const logged = logRecords.filter(
          record => record.level === 'error' && record.fields.logId === logId,
        );
        // The plugin's log has the original: the engine's words and the table.
        expect(logged).toEqual([
          expect.objectContaining({
            message: expect.stringContaining(logId),
            fields: expect.objectContaining({
              error: expect.stringContaining(table),
            }),
          }),
        ]);
      },
    );

    it('keeps the answers meant for callers as they were', async () => {
      const missing = await request(server)
        .get(`${API}/entities/default/component/nobody-has-this/pipelines`)
        .set('Authorization', USER);
      expect({
        status: missing.status,
        name: missing.body.error?.name,
      }).toEqual({
        status: 404,
        name: 'NotFoundError',
      });
      const badLimit = await request(server)
        .get(`${API}${ENTITY}/deployments?limit=0`)
        .set('Authorization', USER);
      expect({ status: badLimit.status, error: badLimit.body.error }).toEqual({
        status: 400,
        error: {
          name: 'InputError',
          message: 'limit: must be an integer from 1 to 500',
        },
      });
    });
  },
);

describe('toCallerError', () => {
  /** A plugin logger whose child loggers record what they log. */
  const context = () => {
    const records: LogRecord[] = [];
    const logger = mockServices.logger.mock();
    const child = mockServices.logger.mock();
    logger.child.mockReturnValue(child);
    child.error.mockImplementation((message, meta) => {
      records.push({
        level: 'error',
        message,
        fields: { error: (meta as Error).message },
      });
    });
    return { logger, records, maxBodySize: '5mb' };
  };

  it.each([
    new InputError('limit: must be an integer'),
    new AuthenticationError('no credentials'),
    new NotAllowedError('not allowed'),
    new NotFoundError('no entity'),
    new ConflictError('conflict'),
    new NotModifiedError('not modified'),
    new NotImplementedError('not implemented'),
    new ServiceUnavailableError('later'),
    Object.assign(new Error('unsupported charset "LATIN-9"'), {
      statusCode: 415,
    }),
    Object.assign(new Error('request aborted'), { status: 400 }),
  ])('passes on %s as it is', error => {
    const { logger, maxBodySize } = context();
    expect(toCallerError(error, { logger, maxBodySize })).toBe(error);
    expect(logger.child).not.toHaveBeenCalled();
  });

  it('answers 503 for an unreachable database, as before', () => {
    const { logger, maxBodySize } = context();
    const answer = toCallerError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
        code: 'ECONNREFUSED',
      }),
      { logger, maxBodySize },
    );
    expect(answer).toBeInstanceOf(ServiceUnavailableError);
    expect((answer as Error).message).toBe(
      'The database is unavailable; try again shortly',
    );
  });

  it('hides every other error, whatever it says, and logs it under the id it gives', () => {
    const knownNames = [
      'InputError',
      'AuthenticationError',
      'NotAllowedError',
      'NotFoundError',
      'ConflictError',
      'NotModifiedError',
      'NotImplementedError',
      'ServiceUnavailableError',
    ];
    const internal = fc.oneof(
      fc
        .record({
          name: fc
            .oneof(
              fc.constantFrom(
                'Error',
                'TypeError',
                'DatabaseError',
                'SqliteError',
              ),
              fc.string(),
            )
            .filter(name => !knownNames.includes(name)),
          message: fc.string({ minLength: 1 }),
          statusCode: fc.option(fc.integer({ min: 500, max: 599 }), {
            nil: undefined,
          }),
        })
        .map(({ name, message, statusCode }) =>
          Object.assign(new Error(message), { name, statusCode }),
        ),
      // Not even an Error.
      fc.string({ minLength: 1 }),
    );
    fc.assert(
      fc.property(internal, error => {
        const { logger, records, maxBodySize } = context();
        const answer = toCallerError(error, { logger, maxBodySize });
        const message = (answer as Error).message;
        const logId = INTERNAL_MESSAGE.exec(message)?.[1];
        expect({
          name: (answer as Error).name,
          message,
          stack: (answer as Error).stack,
          statusCode: (answer as any).statusCode,
        }).toEqual({
          name: 'Error',
          message: expect.stringMatching(INTERNAL_MESSAGE),
          stack: undefined,
          statusCode: undefined,
        });
        expect(logger.child).toHaveBeenCalledWith({ logId });
        expect(records).toEqual([
          {
            level: 'error',
            message: `Internal error with logId=${logId}`,
            fields: {
              error: typeof error === 'string' ? error : error.message,
            },
          },
        ]);
      }),
    );
  });
});
