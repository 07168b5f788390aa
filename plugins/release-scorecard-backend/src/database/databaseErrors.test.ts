import knexFactory from 'knex';
import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { isDatabaseUnavailable, isRetryableConflict } from './databaseErrors';

jest.setTimeout(60_000);

/** The error `work` fails with. */
async function errorOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the work to fail');
}

describeEachDatabase('database errors', db => {
  it('retries a write that lost a race for a unique key, and tells the caller no more', async () => {
    const row = { entity_ref: 'component:default/a', requested_at: 1 };
    await db()('evaluation_queue').insert(row);
    const duplicate = await errorOf(() => db()('evaluation_queue').insert(row));
    expect(isRetryableConflict(duplicate)).toBe(true);
    expect(isDatabaseUnavailable(duplicate)).toBe(false);
  });

  it('neither retries nor calls unavailable an error in the statement itself', async () => {
    const error = await errorOf(() => db()('no_such_table').select());
    expect(isRetryableConflict(error)).toBe(false);
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('database errors without a database', () => {
  it('calls a refused connection unavailable', async () => {
    // Port 1 on the loopback interface: nothing listens there.
    const unreachable = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port: 1, user: 'x', database: 'x' },
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 5_000,
      // knex would print the refused connection that this test expects.
      log: { error: () => {}, warn: () => {}, debug: () => {} },
    });
    try {
      const error = await errorOf(() => unreachable.raw('SELECT 1'));
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(isRetryableConflict(error)).toBe(false);
    } finally {
      await unreachable.destroy();
    }
  });

  it.each([
    ['a deadlock', { code: '40P01' }, true, true],
    ['a serialization failure', { code: '40001' }, true, true],
    ['a busy SQLite database', { code: 'SQLITE_BUSY' }, true, true],
    ['a PostgreSQL shutdown', { code: '57P01' }, false, true],
    [
      'a full connection pool',
      new Error('Timeout acquiring a connection. The pool is probably full.'),
      false,
      true,
    ],
    ['a syntax error', { code: '42601' }, false, false],
    ['no error at all', undefined, false, false],
  ])('classifies %s', (_name, error, retryable, unavailable) => {
    expect(isRetryableConflict(error)).toBe(retryable);
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
  });
});
