/*
 * State that evidence collectors (pollers, backfills, the demo data module)
 * keep across restarts: where they got to.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('collector_state', table => {
    table.comment('Small key-value state of each evidence collector');
    table.string('collector_id', 64).notNullable();
    table.string('key', 255).notNullable();
    table.text('value').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.primary(['collector_id', 'key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('collector_state');
};
