/*
 * The evidence the scorecard is computed from: deployments and the commits
 * they shipped, pipeline runs and their gates, incidents, feature flags, and
 * what ingestion could not match to a catalog entity.
 *
 * Times are stored as epoch milliseconds (BIGINT) so that durations such as
 * lead time are plain subtractions on SQLite and PostgreSQL alike.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployments', table => {
    table.comment(
      'Deployments of catalog entities, one row per entity, source and id',
    );
    table.bigIncrements('pk').primary();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Canonical lower-case entity ref');
    table
      .string('source', 64)
      .notNullable()
      .comment('api, argocd, github, gitlab, …');
    table
      .string('external_id', 255)
      .notNullable()
      .comment('The id the sender gave the deployment');
    table.string('environment', 255).notNullable();
    table.string('revision', 255).notNullable();
    table.string('version', 255).nullable();
    table
      .string('strategy', 32)
      .notNullable()
      .comment('rolling, canary, blue-green, recreate, unknown');
    table
      .boolean('gitops')
      .notNullable()
      .comment('Applied by a GitOps controller');
    table
      .string('status', 32)
      .notNullable()
      .comment('in-progress, succeeded, failed, rolled-back');
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.text('url').nullable();
    table
      .bigInteger('received_at')
      .notNullable()
      .comment('When the backend first stored it');
    table.bigInteger('updated_at').notNullable();
    table.unique(['entity_ref', 'source', 'external_id'], {
      indexName: 'deployments_identity_uniq',
    });
    // Lists, newest first, and the latest production deployment.
    table.index(
      ['entity_ref', 'started_at', 'pk'],
      'deployments_entity_started_idx',
    );
    // DORA windows and incident attribution.
    table.index(
      ['entity_ref', 'finished_at'],
      'deployments_entity_finished_idx',
    );
    // Retention.
    table.index(['started_at'], 'deployments_started_idx');
  });

  await knex.schema.createTable('deployment_commits', table => {
    table.comment('Commits each deployment shipped, for lead time for changes');
    table
      .bigInteger('deployment_pk')
      .notNullable()
      .references('pk')
      .inTable('deployments')
      .onDelete('CASCADE');
    table.string('sha', 64).notNullable();
    table.bigInteger('committed_at').notNullable();
    table.primary(['deployment_pk', 'sha']);
  });

  await knex.schema.createTable('pipeline_runs', table => {
    table.comment(
      'Pipeline runs with their gates, one row per entity and run id; gates from several tools (CI, SonarQube, Trivy, …) join the same run',
    );
    table.bigIncrements('pk').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('external_id', 255).notNullable().comment('The run id');
    table
      .string('source', 64)
      .notNullable()
      .comment('Who reported the run first');
    table.string('revision', 255).notNullable();
    table.string('version', 255).nullable();
    table.string('branch', 255).nullable();
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').nullable();
    table.text('url').nullable();
    // Gates live with their run: the candidate and its gates are one row to
    // read, and a tool's report is one row to update.
    table
      .text('gates')
      .notNullable()
      .comment(
        'JSON array of the effective gates: the worst status any tool reported, metrics merged',
      );
    table
      .text('gate_reports')
      .notNullable()
      .comment(
        'JSON object gate -> source -> what that tool reported, with reportedAt',
      );
    table.bigInteger('received_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['entity_ref', 'external_id'], {
      indexName: 'pipeline_runs_identity_uniq',
    });
    // Lists newest first and the release candidate (the latest run).
    table.index(
      ['entity_ref', 'started_at', 'pk'],
      'pipeline_runs_entity_started_idx',
    );
    // Gate reports that name a revision instead of a run.
    table.index(
      ['entity_ref', 'revision'],
      'pipeline_runs_entity_revision_idx',
    );
    table.index(['started_at'], 'pipeline_runs_started_idx');
  });

  await knex.schema.createTable('incidents', table => {
    table.comment(
      'Incidents of catalog entities, one row per entity, source and id',
    );
    table.bigIncrements('pk').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('source', 64).notNullable();
    table.string('external_id', 255).notNullable();
    table.text('title').notNullable();
    table.string('severity', 8).notNullable().comment('sev1..sev4');
    table.string('status', 16).notNullable().comment('open, resolved');
    table.bigInteger('opened_at').notNullable();
    table.bigInteger('resolved_at').nullable();
    table
      .string('deployment_id', 255)
      .nullable()
      .comment('external_id of the deployment that caused it, when known');
    table.text('url').nullable();
    table.bigInteger('received_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['entity_ref', 'source', 'external_id'], {
      indexName: 'incidents_identity_uniq',
    });
    table.index(
      ['entity_ref', 'opened_at', 'pk'],
      'incidents_entity_opened_idx',
    );
    table.index(['entity_ref', 'resolved_at'], 'incidents_entity_resolved_idx');
    table.index(['opened_at'], 'incidents_opened_idx');
  });

  await knex.schema.createTable('flags', table => {
    table.comment('Feature flags: the latest snapshot per entity and provider');
    table.bigIncrements('pk').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('provider', 64).notNullable();
    table.string('flag_key', 255).notNullable();
    table.string('name', 255).nullable();
    table.string('type', 32).notNullable();
    table.boolean('temporary').notNullable();
    table.boolean('archived').notNullable();
    table
      .boolean('active')
      .notNullable()
      .comment('Not archived and enabled somewhere');
    table.boolean('stale').notNullable();
    table.text('stale_reason').nullable();
    table
      .text('environments')
      .notNullable()
      .comment('JSON array of per-environment state');
    table.bigInteger('created_at').nullable();
    table.bigInteger('last_modified_at').nullable();
    table.string('owner', 255).nullable();
    table.text('url').nullable();
    table.string('source', 64).notNullable();
    table.bigInteger('received_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.unique(['entity_ref', 'provider', 'flag_key'], {
      indexName: 'flags_identity_uniq',
    });
    table.index(['provider', 'flag_key'], 'flags_provider_key_idx');
    table.index(['stale', 'active'], 'flags_stale_active_idx');
  });

  await knex.schema.createTable('flag_snapshots', table => {
    table.comment('When each provider last delivered the flags of an entity');
    table.string('entity_ref', 255).notNullable();
    table.string('provider', 64).notNullable();
    table
      .bigInteger('refreshed_at')
      .notNullable()
      .comment('Last good snapshot');
    table.bigInteger('last_attempt_at').notNullable();
    table
      .text('last_error')
      .nullable()
      .comment('Why the last attempt failed, without secrets');
    table.integer('flag_count').notNullable();
    table.primary(['entity_ref', 'provider']);
  });

  await knex.schema.createTable('unknown_entity_refs', table => {
    table.comment(
      'Entity refs that records were sent for but the catalog did not know',
    );
    table.string('entity_ref', 255).primary();
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    table.integer('records').notNullable().comment('Records received for it');
  });

  await knex.schema.createTable('unmatched_webhook_events', table => {
    table.comment(
      'Webhook events accepted for no known entity, counted per source and lookup',
    );
    table.string('source', 64).notNullable();
    table
      .string('lookup', 512)
      .notNullable()
      .comment('annotation=value the event was matched by');
    table.integer('events').notNullable();
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
    table
      .string('last_event', 255)
      .nullable()
      .comment('Event type, never the payload');
    table.primary(['source', 'lookup']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('unmatched_webhook_events');
  await knex.schema.dropTable('unknown_entity_refs');
  await knex.schema.dropTable('flag_snapshots');
  await knex.schema.dropTable('flags');
  await knex.schema.dropTable('incidents');
  await knex.schema.dropTable('pipeline_runs');
  await knex.schema.dropTable('deployment_commits');
  await knex.schema.dropTable('deployments');
};
