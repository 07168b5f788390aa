/*
 * Rule status counts per owner and catalog shape, maintained when scorecards
 * are written, so that the compliance view's totals (per rule, per team) add
 * up a few thousand precomputed rows instead of every rule result.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('compliance_totals', table => {
    table.comment(
      'How many entities of each owner, kind, type and lifecycle have each status for each rule',
    );
    table
      .string('owner', 255)
      .notNullable()
      .comment("Owner entity ref; '' when unowned");
    table.string('kind', 64).notNullable();
    table
      .string('type', 255)
      .notNullable()
      .comment("'' when the entity has none");
    table
      .string('lifecycle', 255)
      .notNullable()
      .comment("'' when the entity has none");
    table.string('rule_id', 128).notNullable();
    table.string('status', 16).notNullable();
    table.integer('entities').notNullable();
    table.primary(['owner', 'kind', 'type', 'lifecycle', 'rule_id', 'status']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('compliance_totals');
};
