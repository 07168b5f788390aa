/*
 * Stored scorecard results: a copy of the catalog facts the compliance view
 * filters on, each entity's current result and rule statuses, the history of
 * status changes, and the queue of entities waiting for re-evaluation.
 * Page views read these; nothing is recomputed for the organisation on a view.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('catalog_entities', table => {
    table.comment(
      'The catalog fields compliance filters and owner roll-ups need, refreshed from the catalog',
    );
    table.string('entity_ref', 255).primary();
    table.string('kind', 64).notNullable();
    table.string('type', 255).nullable();
    table.string('lifecycle', 255).nullable();
    table.string('owner', 255).nullable().comment('Owner entity ref');
    table.string('system', 255).nullable().comment('System entity ref');
    table
      .string('parent', 255)
      .nullable()
      .comment('Parent group ref, for groups');
    table.text('title').nullable();
    table.text('tags').nullable().comment('JSON array');
    table
      .text('annotations')
      .nullable()
      .comment('JSON object, for entity.annotations.* facts');
    table.bigInteger('refreshed_at').notNullable();
    table.index(['owner'], 'catalog_entities_owner_idx');
    table.index(['parent'], 'catalog_entities_parent_idx');
    table.index(
      ['kind', 'type', 'lifecycle'],
      'catalog_entities_kind_type_idx',
    );
    table.index(['system'], 'catalog_entities_system_idx');
  });

  await knex.schema.createTable('entity_scorecards', table => {
    table.comment('The current scorecard of each evaluated entity');
    table.string('entity_ref', 255).primary();
    table.bigInteger('evaluated_at').notNullable();
    table
      .float('score')
      .nullable()
      .comment('0..100, null when no applicable rule has data');
    table.string('level', 64).nullable();
    table
      .string('readiness', 16)
      .notNullable()
      .comment('ready, blocked, unknown');
    table.text('readiness_detail').notNullable().comment('JSON Readiness');
    table
      .text('facts')
      .notNullable()
      .comment('JSON facts the rules were evaluated on');
    table
      .string('config_digest', 64)
      .notNullable()
      .comment('Rules configuration it was evaluated with');
    table.index(['readiness'], 'entity_scorecards_readiness_idx');
    table.index(['config_digest'], 'entity_scorecards_digest_idx');
  });

  await knex.schema.createTable('rule_results', table => {
    table.comment('The current status of each rule for each entity');
    table.string('entity_ref', 255).notNullable();
    table.string('rule_id', 128).notNullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('pass, fail, exempt, no-data, not-applicable');
    table.text('detail').notNullable().comment('JSON RuleResult');
    table.bigInteger('evaluated_at').notNullable();
    table.primary(['entity_ref', 'rule_id']);
    // Per-rule totals and "which services fail this rule".
    table.index(['rule_id', 'status'], 'rule_results_rule_status_idx');
  });

  await knex.schema.createTable('rule_status_changes', table => {
    table.comment(
      'Every change of a rule status for an entity: trends and what got worse',
    );
    table.bigIncrements('pk').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('rule_id', 128).notNullable();
    table
      .string('from_status', 16)
      .nullable()
      .comment('null for the first evaluation');
    table.string('to_status', 16).notNullable();
    table.bigInteger('changed_at').notNullable();
    table.index(['entity_ref', 'changed_at'], 'rule_status_changes_entity_idx');
    table.index(['changed_at'], 'rule_status_changes_changed_idx');
  });

  await knex.schema.createTable('evaluation_queue', table => {
    table.comment('Entities whose evidence changed and wait for re-evaluation');
    table.string('entity_ref', 255).primary();
    table.bigInteger('requested_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('evaluation_queue');
  await knex.schema.dropTable('rule_status_changes');
  await knex.schema.dropTable('rule_results');
  await knex.schema.dropTable('entity_scorecards');
  await knex.schema.dropTable('catalog_entities');
};
