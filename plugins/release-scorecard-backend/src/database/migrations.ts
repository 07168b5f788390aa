import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-release-scorecard-backend',
  'migrations',
);

/** Brings the plugin's database schema up to date. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'release_scorecard_knex_migrations',
  });
}

/** Rolls back every migration; for migration tests. */
export async function rollbackDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.rollback(
    {
      directory: migrationsDir,
      tableName: 'release_scorecard_knex_migrations',
    },
    true,
  );
}
