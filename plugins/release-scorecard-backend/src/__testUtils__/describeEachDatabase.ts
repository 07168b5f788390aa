import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { emptyPluginTables } from './databaseRows';

/**
 * Declares `tests` once per database engine (SQLite, and PostgreSQL where
 * its connection string is set, as in CI), each on the plugin's migrated
 * schema with its tables emptied before every test. `db()` is the engine's
 * connection once the tests run.
 */
export function describeEachDatabase(
  title: string,
  tests: (db: () => Knex) => void,
): void {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  describe.each(databases.eachSupportedId())(`${title} on %s`, databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId as TestDatabaseId);
      await applyDatabaseMigrations(knex);
    });

    beforeEach(() => emptyPluginTables(knex));

    tests(() => knex);
  });
}
