/*
 * "Failing since": when each failing rule of each entity started failing,
 * kept with its result so that the compliance view can answer "since when"
 * without reading the history. Filled for results stored before from the
 * status changes they recorded.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rule_results', table => {
    table
      .bigInteger('failing_since')
      .nullable()
      .comment(
        'For a failing result: the evaluation that found it failing after another status (or the first one)',
      );
    table
      .boolean('failing_since_first_evaluation')
      .notNullable()
      .defaultTo(false)
      .comment('Whether failing_since is the first evaluation of the rule');
  });
  // The latest change into fail of each failing result.
  await knex.raw(`
    UPDATE rule_results
    SET failing_since = (
      SELECT MAX(c.changed_at) FROM rule_status_changes c
      WHERE c.entity_ref = rule_results.entity_ref
        AND c.rule_id = rule_results.rule_id
        AND c.to_status = 'fail'
    )
    WHERE status = 'fail'`);
  await knex.raw(
    `UPDATE rule_results
     SET failing_since_first_evaluation = ?
     WHERE status = 'fail'
       AND EXISTS (
         SELECT 1 FROM rule_status_changes c
         WHERE c.entity_ref = rule_results.entity_ref
           AND c.rule_id = rule_results.rule_id
           AND c.to_status = 'fail'
           AND c.changed_at = rule_results.failing_since
           AND c.from_status IS NULL
       )`,
    [true],
  );
  // A failing result without any recorded change (history trimmed): since
  // it was last evaluated is all that is known.
  await knex('rule_results')
    .where({ status: 'fail' })
    .whereNull('failing_since')
    .update({ failing_since: knex.ref('evaluated_at') });
  await knex.schema.alterTable('rule_status_changes', table => {
    // The rule filter of a service's history and of the changes feed.
    table.index(['rule_id', 'changed_at'], 'rule_status_changes_rule_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rule_status_changes', table => {
    table.dropIndex(['rule_id', 'changed_at'], 'rule_status_changes_rule_idx');
  });
  await knex.schema.alterTable('rule_results', table => {
    table.dropColumn('failing_since_first_evaluation');
    table.dropColumn('failing_since');
  });
};
