/*
 * The organisation-scale benchmark: `npm run bench -- --scale small|full
 * --database sqlite|postgres|both`.
 *
 * For each database it generates a deterministic organisation, loads its
 * history through the store's bulk path, starts a real backend (catalog and
 * Release Scorecard) on it, and measures over HTTP what users and pipelines
 * do: entity scorecard and DORA, team roll-ups, the compliance view and its
 * CSV export, ingestion, the re-evaluation of everything after a rule change,
 * and the backend's peak memory. It also checks a sample of DORA results
 * against the pure functions. Results are printed and written as JSON to
 * bench/.results (ignored by git), or with `--save` to bench/results.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import YAML from 'yaml';
import { computeDoraMetrics, DEFAULT_DORA_OPTIONS } from '../src/dora';
import {
  bulkLoadEvidence,
  refreshPlannerStatistics,
} from '../src/database/bulkLoadEvidence';
import { applyDatabaseMigrations } from '../src/database/migrations';
import { toIso } from '../src/database/time';
import { BenchClient, LatencySummary } from './httpTiming';
import {
  buildOrganisation,
  catalogYaml,
  FULL_SCALE,
  Scale,
  seededRandom,
  serviceHistory,
  SMALL_SCALE,
} from './syntheticOrganisation';

type Database = 'sqlite' | 'postgres';

const PORT = 7077;
const TOKEN = 'release-scorecard-benchmark-token';
const PG = {
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  password: 'postgres',
};
const PG_PREFIX = 'rs_bench_';
const PACKAGE_DIR = path.resolve(__dirname, '..');
const ROOT_DIR = path.resolve(PACKAGE_DIR, '../..');

/** The targets of issue 7, on this 2-core machine at full scale. */
const TARGETS = {
  entityScorecardP95Ms: 25,
  entityDoraP95Ms: 50,
  complianceFirstPageP95Ms: 100,
  rollup1000P95Ms: 500,
  ingestRecordsPerSecond: 2000,
  reevaluationSeconds: 60,
  peakMemoryMiB: 1024,
};

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

function log(message: string) {
  process.stdout.write(
    `[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`,
  );
}

async function sleep(ms: number) {
  await new Promise(resolve => setTimeout(resolve, ms));
}

/** The portal's own rule set, so the benchmark evaluates a realistic policy. */
function portalScorecardConfig() {
  const appConfig = YAML.parse(
    readFileSync(path.join(ROOT_DIR, 'app-config.yaml'), 'utf8'),
  );
  const { levels, readiness, rules, exemptions } = appConfig.releaseScorecard;
  return { levels, readiness, rules, exemptions };
}

function backendConfig(database: Database, workDir: string, scorecard: object) {
  return {
    app: { baseUrl: `http://localhost:${PORT}` },
    backend: {
      baseUrl: `http://localhost:${PORT}`,
      listen: { port: PORT },
      database:
        database === 'sqlite'
          ? { client: 'better-sqlite3', connection: { directory: workDir } }
          : { client: 'pg', connection: PG, prefix: PG_PREFIX },
      auth: {
        externalAccess: [
          { type: 'static', options: { token: TOKEN, subject: 'benchmark' } },
        ],
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'System', 'Group', 'User', 'Location'] }],
      locations: [{ type: 'file', target: path.join(workDir, 'catalog.yaml') }],
    },
    permission: { enabled: false },
    releaseScorecard: {
      ...scorecard,
      // Evaluations are triggered by the benchmark, not by the schedule.
      evaluation: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { hours: 1 },
          initialDelay: { hours: 24 },
        },
      },
    },
  };
}

async function pluginDatabase(
  database: Database,
  workDir: string,
): Promise<Knex> {
  if (database === 'sqlite') {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(workDir, 'release-scorecard.sqlite') },
      useNullAsDefault: true,
    });
  }
  const admin = knexFactory({
    client: 'pg',
    connection: { ...PG, database: 'postgres' },
  });
  for (const plugin of ['release-scorecard', 'catalog']) {
    await admin.raw(
      `DROP DATABASE IF EXISTS "${PG_PREFIX}${plugin}" WITH (FORCE)`,
    );
  }
  await admin.raw(`CREATE DATABASE "${PG_PREFIX}release-scorecard"`);
  await admin.destroy();
  return knexFactory({
    client: 'pg',
    connection: { ...PG, database: `${PG_PREFIX}release-scorecard` },
    pool: { min: 0, max: 4 },
  });
}

async function loadHistory(db: Knex, scale: Scale, now: number) {
  const organisation = buildOrganisation(scale);
  await applyDatabaseMigrations(db);
  const started = Date.now();
  const counts = {
    deployments: 0,
    commits: 0,
    runs: 0,
    gates: 0,
    incidents: 0,
    flags: 0,
  };
  const SERVICES_PER_LOAD = 40;
  for (let i = 0; i < organisation.services.length; i += SERVICES_PER_LOAD) {
    const histories = organisation.services
      .slice(i, i + SERVICES_PER_LOAD)
      .map((service, offset) =>
        serviceHistory(service, i + offset, scale, now),
      );
    const batch = {
      deployments: histories.flatMap(h => h.deployments),
      runs: histories.flatMap(h => h.runs),
      incidents: histories.flatMap(h => h.incidents),
      flagSnapshots: histories.map(h => h.flags),
    };
    await bulkLoadEvidence(db, batch, now);
    counts.deployments += batch.deployments.length;
    counts.commits += batch.deployments.reduce(
      (sum, d) => sum + d.commits.length,
      0,
    );
    counts.runs += batch.runs.length;
    counts.gates += batch.runs.reduce((sum, r) => sum + r.gates.length, 0);
    counts.incidents += batch.incidents.length;
    counts.flags += histories.reduce((sum, h) => sum + h.flags.flags.length, 0);
    if ((i / SERVICES_PER_LOAD) % 25 === 0) {
      log(
        `  loaded ${i + SERVICES_PER_LOAD} of ${
          organisation.services.length
        } services`,
      );
    }
  }
  await refreshPlannerStatistics(db);
  return { organisation, counts, loadSeconds: (Date.now() - started) / 1000 };
}

interface RunningBackend {
  child: ChildProcess;
  stop(): Promise<void>;
  peakMemoryMiB(): number;
}

async function startBackend(
  configFile: string,
  logFile: string,
): Promise<RunningBackend> {
  const output = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'bench/backend.ts',
      '--config',
      configFile,
    ],
    {
      cwd: PACKAGE_DIR,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.pipe(output);
  child.stderr!.pipe(output);
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `The backend exited with ${child.exitCode}; see ${logFile}`,
      );
    }
    try {
      const response = await fetch(
        `http://localhost:${PORT}/.backstage/health/v1/readiness`,
      );
      if (response.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`The backend did not become ready; see ${logFile}`);
    }
    await sleep(500);
  }
  return {
    child,
    peakMemoryMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kib / 1024);
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([once(child, 'exit'), sleep(15_000)]);
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    },
  };
}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await sleep(1000);
  }
}

async function count(
  db: Knex,
  table: string,
  where?: (q: Knex.QueryBuilder) => void,
) {
  const [{ n }] = await db(table)
    .modify(query => where?.(query))
    .count({ n: '*' });
  return Number(n);
}

/** Compares the API's DORA figures with the pure functions on the same rows. */
async function checkDoraSample(
  db: Knex,
  client: BenchClient,
  serviceRefs: string[],
  to: number,
): Promise<{ checked: number; mismatches: string[] }> {
  const mismatches: string[] = [];
  for (const entityRef of serviceRefs) {
    const deploymentRows = await db('deployments').where({
      entity_ref: entityRef,
    });
    const commitRows = await db('deployment_commits').whereIn(
      'deployment_pk',
      deploymentRows.map(row => row.pk),
    );
    const incidentRows = await db('incidents').where({ entity_ref: entityRef });
    const expected = computeDoraMetrics(
      {
        deployments: deploymentRows.map(row => ({
          id: row.external_id,
          source: row.source,
          entityRef,
          environment: row.environment,
          status: row.status,
          finishedAt:
            row.finished_at === null
              ? undefined
              : toIso(Number(row.finished_at)),
          commits: commitRows
            .filter(c => Number(c.deployment_pk) === Number(row.pk))
            .map(c => ({
              sha: c.sha,
              committedAt: toIso(Number(c.committed_at)),
            })),
        })),
        incidents: incidentRows.map(row => ({
          id: row.external_id,
          source: row.source,
          entityRef,
          openedAt: toIso(Number(row.opened_at)),
          resolvedAt:
            row.resolved_at === null
              ? undefined
              : toIso(Number(row.resolved_at)),
          deploymentId: row.deployment_id ?? undefined,
        })),
        to: toIso(to),
        windowDays: 90,
        entityRef,
      },
      DEFAULT_DORA_OPTIONS,
    );
    const [, namespaceAndName] = entityRef.split(':');
    const [namespace, name] = namespaceAndName.split('/');
    const actual = await client.json(
      `/api/release-scorecard/entities/${namespace}/component/${name}/dora?windowDays=90&to=${toIso(
        to,
      )}`,
    );
    const pick = (m: any) => ({
      deployments: m.deploymentFrequency.deployments,
      leadTime: [
        m.leadTime.samples,
        m.leadTime.medianSeconds,
        m.leadTime.p90Seconds,
      ],
      changeFailureRate: [
        m.changeFailureRate.failed,
        m.changeFailureRate.total,
      ],
      recoveryTime: [m.recoveryTime.samples, m.recoveryTime.medianSeconds],
      tier: m.overallTier,
    });
    if (JSON.stringify(pick(actual)) !== JSON.stringify(pick(expected))) {
      mismatches.push(
        `${entityRef}: API ${JSON.stringify(
          pick(actual),
        )} vs pure ${JSON.stringify(pick(expected))}`,
      );
    }
  }
  return { checked: serviceRefs.length, mismatches };
}

async function benchmark(database: Database, scale: Scale, resultsDir: string) {
  const workDir = mkdtempSync(
    path.join(os.tmpdir(), `release-scorecard-bench-${database}-`),
  );
  const logFile = path.join(workDir, 'backend.log');
  const now = Date.now();
  log(
    `${database}: generating and loading the ${scale.name} organisation (work dir ${workDir})`,
  );
  const db = await pluginDatabase(database, workDir);
  const { organisation, counts, loadSeconds } = await loadHistory(
    db,
    scale,
    now,
  );
  log(
    `${database}: loaded ${JSON.stringify(counts)} in ${loadSeconds.toFixed(
      1,
    )} s`,
  );
  writeFileSync(path.join(workDir, 'catalog.yaml'), catalogYaml(organisation));

  const scorecard = portalScorecardConfig();
  const configFile = path.join(workDir, 'app-config.bench.yaml');
  writeFileSync(
    configFile,
    YAML.stringify(backendConfig(database, workDir, scorecard)),
  );
  let backend = await startBackend(configFile, logFile);
  const client = new BenchClient(`http://localhost:${PORT}`, TOKEN);
  const services = organisation.services.length;

  try {
    log(`${database}: waiting for the catalog to read ${services} services`);
    await waitFor(
      'the catalog',
      async () => {
        const facets = await client.json(
          '/api/catalog/entity-facets?facet=kind',
        );
        const components = facets.facets.kind.find(
          (f: any) => f.value === 'Component',
        );
        return (components?.count ?? 0) >= services;
      },
      30 * 60_000,
    );

    log(`${database}: first evaluation of every scorecard`);
    let started = Date.now();
    await client.json('/api/release-scorecard/evaluate', {
      method: 'POST',
      body: '{}',
    });
    await waitFor(
      'the first evaluation',
      async () => (await count(db, 'entity_scorecards')) >= services,
      30 * 60_000,
    );
    const firstEvaluationSeconds = (Date.now() - started) / 1000;

    const random = seededRandom(42);
    const randomService = () =>
      organisation.services[Math.floor(random() * services)].name;
    const { samples, warmup } = scale;
    const latencies: Record<string, LatencySummary> = {};
    log(`${database}: measuring reads`);
    latencies.entityScorecard = await client.measure(
      () =>
        `/api/release-scorecard/entities/default/component/${randomService()}/scorecard`,
      samples,
      warmup,
    );
    latencies.entityDora = await client.measure(
      () =>
        `/api/release-scorecard/entities/default/component/${randomService()}/dora`,
      samples,
      warmup,
    );
    latencies.teamRollup = await client.measure(
      () =>
        `/api/release-scorecard/owners/default/group/${organisation.sampleTeam}/dora`,
      samples,
      warmup,
    );
    latencies.divisionRollup = await client.measure(
      () =>
        `/api/release-scorecard/owners/default/group/${organisation.sampleDivision}/dora`,
      Math.min(samples, 50),
      5,
    );
    latencies.complianceFirstPage = await client.measure(
      () => '/api/release-scorecard/compliance?limit=50',
      samples,
      warmup,
    );
    latencies.complianceByTeam = await client.measure(
      () =>
        `/api/release-scorecard/compliance?limit=50&owner=${organisation.sampleTeam}`,
      samples,
      warmup,
    );
    latencies.csvExport = await client.measure(
      () => '/api/release-scorecard/compliance',
      5,
      1,
      { headers: { Accept: 'text/csv' } },
    );
    const teamServices = organisation.services.filter(
      s => s.team === organisation.sampleTeam,
    ).length;
    const divisionServices = organisation.services.filter(s =>
      s.team.startsWith(`${organisation.sampleDivision}-`),
    ).length;

    log(`${database}: measuring ingestion`);
    const senders = 4;
    const batchSize = 100;
    started = Date.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: senders }, async (_, sender) => {
        for (let b = sender; b < scale.ingestBatches; b += senders) {
          const deployments = Array.from(
            { length: batchSize },
            (_unused, i) => {
              const service =
                organisation.services[(b * batchSize + i) % services];
              const at = now - ((b * batchSize + i) % 1000) * 60_000;
              return {
                id: `bench-ingest-${b}-${i}`,
                entityRef: service.entityRef,
                environment: 'production',
                revision: `ingest${b}${i}`,
                strategy: 'canary',
                gitops: true,
                status: 'succeeded',
                startedAt: new Date(at - 600_000).toISOString(),
                finishedAt: new Date(at).toISOString(),
                commits: [
                  {
                    sha: `ingest${b}x${i}`,
                    committedAt: new Date(at - 3_600_000).toISOString(),
                  },
                ],
              };
            },
          );
          await client.json('/api/release-scorecard/ingest/deployments', {
            method: 'POST',
            body: JSON.stringify({ deployments }),
          });
          sent += deployments.length;
        }
      }),
    );
    const ingestRecordsPerSecond = Math.round(
      sent / ((Date.now() - started) / 1000),
    );

    log(`${database}: checking DORA results against the pure functions`);
    const sample = Array.from(
      { length: 15 },
      () => organisation.services[Math.floor(random() * services)].entityRef,
    );
    const correctness = await checkDoraSample(db, client, sample, now);

    let peakMemoryMiB = backend.peakMemoryMiB();
    await backend.stop();

    log(
      `${database}: changing a rule and timing the re-evaluation of every scorecard`,
    );
    const changed = {
      ...scorecard,
      rules: [
        ...scorecard.rules,
        {
          id: 'benchmark-rule',
          title: 'Deploys at least weekly',
          check: { fact: 'dora.deploymentsPerWeek', op: 'gte', value: 1 },
        },
      ],
    };
    writeFileSync(
      configFile,
      YAML.stringify(backendConfig(database, workDir, changed)),
    );
    const [{ digest: oldDigest }] = await db('entity_scorecards')
      .select('config_digest as digest')
      .limit(1);
    started = Date.now();
    backend = await startBackend(configFile, logFile);
    await waitFor(
      're-evaluation',
      async () =>
        (await count(db, 'entity_scorecards', q =>
          q.where('config_digest', oldDigest),
        )) === 0 && (await count(db, 'evaluation_queue')) === 0,
      30 * 60_000,
    );
    const reevaluationSeconds = (Date.now() - started) / 1000;
    peakMemoryMiB = Math.max(peakMemoryMiB, backend.peakMemoryMiB());

    const result = {
      scale: scale.name,
      database,
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      organisation: {
        services,
        teams: organisation.groups.filter(g => g.type === 'team').length,
        ...counts,
      },
      loadSeconds,
      firstEvaluationSeconds,
      latenciesMs: latencies,
      rollupSizes: {
        teamRollup: teamServices,
        divisionRollup: divisionServices,
      },
      ingestRecordsPerSecond,
      reevaluationSeconds,
      peakMemoryMiB,
      doraCorrectness: correctness,
      targets: TARGETS,
      targetsMet: {
        entityScorecardP95:
          latencies.entityScorecard.p95 <= TARGETS.entityScorecardP95Ms,
        entityDoraP95: latencies.entityDora.p95 <= TARGETS.entityDoraP95Ms,
        complianceFirstPageP95:
          latencies.complianceFirstPage.p95 <= TARGETS.complianceFirstPageP95Ms,
        rollup1000P95: latencies.divisionRollup.p95 <= TARGETS.rollup1000P95Ms,
        ingest: ingestRecordsPerSecond >= TARGETS.ingestRecordsPerSecond,
        reevaluation: reevaluationSeconds <= TARGETS.reevaluationSeconds,
        memory: peakMemoryMiB <= TARGETS.peakMemoryMiB,
        doraMatchesPureFunctions: correctness.mismatches.length === 0,
      },
    };
    mkdirSync(resultsDir, { recursive: true });
    const resultFile = path.join(resultsDir, `${scale.name}-${database}.json`);
    writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
    log(`${database}: results written to ${resultFile}`);
    return result;
  } finally {
    await backend.stop();
    await db.destroy();
  }
}

function printTable(results: Awaited<ReturnType<typeof benchmark>>[]) {
  const rows: Array<[string, ...string[]]> = [
    ['', ...results.map(r => `${r.database} (${r.scale})`)],
    [
      'services / deployments',
      ...results.map(
        r => `${r.organisation.services} / ${r.organisation.deployments}`,
      ),
    ],
    ...(
      [
        ['entity scorecard', 'entityScorecard'],
        ['entity DORA', 'entityDora'],
        ['team roll-up', 'teamRollup'],
        ['division roll-up', 'divisionRollup'],
        ['compliance, first page', 'complianceFirstPage'],
        ['compliance, by team', 'complianceByTeam'],
        ['CSV export (whole org)', 'csvExport'],
      ] as const
    ).map(([label, key]): [string, ...string[]] => [
      `${label} p50/p95/p99 ms`,
      ...results.map(r => {
        const l = r.latenciesMs[key];
        return `${l.p50} / ${l.p95} / ${l.p99}`;
      }),
    ]),
    [
      'ingest, records/s',
      ...results.map(r => String(r.ingestRecordsPerSecond)),
    ],
    [
      're-evaluate all, s',
      ...results.map(r => r.reevaluationSeconds.toFixed(1)),
    ],
    ['peak memory, MiB', ...results.map(r => String(r.peakMemoryMiB))],
    [
      'DORA = pure functions',
      ...results.map(r => (r.doraCorrectness.mismatches.length ? 'NO' : 'yes')),
    ],
  ];
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map(row => row[column].length)),
  );
  for (const row of rows) {
    process.stdout.write(
      `${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}\n`,
    );
  }
}

async function main() {
  const scale =
    argument('scale', 'full') === 'small' ? SMALL_SCALE : FULL_SCALE;
  const databaseArgument = argument('database', 'both');
  const databases: Database[] =
    databaseArgument === 'both'
      ? ['sqlite', 'postgres']
      : [databaseArgument as Database];
  // Runs leave the tracked results alone unless asked to save them
  // (`--save`, as for the README's figures); `--out` picks any folder.
  const resultsDir = path.resolve(
    argument(
      'out',
      path.join(
        PACKAGE_DIR,
        'bench',
        process.argv.includes('--save') ? 'results' : '.results',
      ),
    ),
  );
  const results = [];
  for (const database of databases) {
    results.push(await benchmark(database, scale, resultsDir));
  }
  printTable(results);
  const failedChecks = results.filter(
    r => r.doraCorrectness.mismatches.length > 0,
  );
  if (failedChecks.length > 0) {
    for (const r of failedChecks) {
      process.stderr.write(
        `${r.database}: ${r.doraCorrectness.mismatches.join('\n')}\n`,
      );
    }
    process.exit(1);
  }
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
