/*
 * Fixes found in review, for data stored before them:
 *
 * - incidents.reopened_at: an incident reopens only on a delivery that says
 *   when, later than its resolution.
 * - deployment_commits.sha in lower case: shas are normalised at ingest, so
 *   `ABCDEF1` and `abcdef1` are one commit (for lead time).
 * - pipeline_runs.gates: a gate whose reports carry no verdict (Cobertura
 *   coverage without a threshold, the only source that sent such reports) was
 *   stored `passed`; it is `no-verdict`.
 */

// @ts-check

const RUN_BATCH = 1000;

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('incidents', table => {
    table
      .bigInteger('reopened_at')
      .nullable()
      .comment('When the incident was last opened again after a resolution');
  });

  // One row per deployment and lower-cased sha: keep the lower-case one, or
  // else the smallest spelling, then lower-case what is left.
  await knex.raw(`
    DELETE FROM deployment_commits
    WHERE sha <> LOWER(sha)
      AND EXISTS (
        SELECT 1 FROM deployment_commits twin
        WHERE twin.deployment_pk = deployment_commits.deployment_pk
          AND LOWER(twin.sha) = LOWER(deployment_commits.sha)
          AND (twin.sha = LOWER(twin.sha) OR twin.sha < deployment_commits.sha)
      )`);
  await knex('deployment_commits')
    .whereRaw('sha <> LOWER(sha)')
    .update({ sha: knex.raw('LOWER(sha)') });

  let afterPk = 0;
  for (;;) {
    const runs = await knex('pipeline_runs')
      .where('pk', '>', afterPk)
      .where('gate_reports', 'like', '%"cobertura"%')
      .orderBy('pk')
      .limit(RUN_BATCH)
      .select('pk', 'gates', 'gate_reports');
    if (runs.length === 0) {
      break;
    }
    for (const run of runs) {
      const reports = JSON.parse(run.gate_reports);
      const gates = JSON.parse(run.gates);
      let changed = false;
      for (const gate of gates) {
        const bySource = reports[gate.gate] ?? {};
        const hasVerdict = Object.values(bySource).some(
          report => /** @type {{status?: string}} */ (report).status,
        );
        if (!hasVerdict && gate.status !== 'no-verdict') {
          gate.status = 'no-verdict';
          changed = true;
        }
      }
      if (changed) {
        await knex('pipeline_runs')
          .where({ pk: run.pk })
          .update({ gates: JSON.stringify(gates) });
      }
    }
    afterPk = Number(runs[runs.length - 1].pk);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Lower-cased shas and no-verdict gates stay: both are valid data for the
  // previous version, which reads them as they are.
  await knex.schema.alterTable('incidents', table => {
    table.dropColumn('reopened_at');
  });
};
