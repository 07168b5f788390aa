import {
  Deployment,
  FeatureFlag,
  FlagType,
  Incident,
  IncidentSeverity,
  PipelineGate,
  PipelineRun,
  WELL_KNOWN_GATE_NAMES,
} from '@internal/plugin-release-scorecard-common';
import { DemoProfile } from './demoProfiles';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A small, fast, seedable PRNG (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: string): () => number {
  let state = 0;
  for (let i = 0; i < seed.length; i++) {
    state = (Math.imul(31, state) + seed.charCodeAt(i)) | 0;
  }
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An exponentially distributed sample with the given mean: waits and durations. */
function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}

function sha(random: () => number): string {
  let text = '';
  while (text.length < 40) {
    text += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  }
  return text.slice(0, 40);
}

function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export interface DemoHistory {
  deployments: Deployment[];
  runs: PipelineRun[];
  incidents: Incident[];
  flags: FeatureFlag[];
}

const FLAG_NAMES = [
  'new-checkout-flow',
  'one-click-refunds',
  'dark-mode',
  'smart-retries',
  'apple-pay',
  'fraud-model-v3',
  'async-ledger-writes',
  'holiday-banner',
  'pricing-experiment-b',
  'kill-switch-3ds',
  'beta-api-access',
  'regional-taxes',
  'bulk-export',
];
const FLAG_TYPES_BY_INDEX: FlagType[] = [
  'release',
  'release',
  'experiment',
  'operational',
  'release',
  'experiment',
  'release',
  'release',
  'experiment',
  'kill-switch',
  'permission',
  'release',
  'operational',
];

/**
 * Months of consistent history for one demo service, from `from` to `to`.
 * Each day is generated from its own seed, so the records of a day (and their
 * ids) are the same whenever the demo runs: re-running is an idempotent
 * re-delivery that only adds the days since the last run.
 */
export function generateDemoHistory(options: {
  entityRef: string;
  name: string;
  profile: DemoProfile;
  from: number;
  to: number;
  /**
   * Leave out what makes the profile's present troubled (failing candidate
   * gates, critical vulnerabilities, the open incident): the state a week
   * ago, so that a first start has changes to show.
   */
  untroubled?: boolean;
}): DemoHistory {
  const { entityRef, name, to, untroubled } = options;
  const profile: DemoProfile = untroubled
    ? {
        ...options.profile,
        failingCandidateGates: undefined,
        criticalVulnerabilities: undefined,
        openIncident: undefined,
      }
    : options.profile;
  const { from } = options;
  const history: DemoHistory = {
    deployments: [],
    runs: [],
    incidents: [],
    flags: [],
  };
  let lastDeployFinish = from;

  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day <= to; day += DAY_MS) {
    const date = utcDate(day);
    const random = seededRandom(`${entityRef}|${date}`);
    const weekday = new Date(day).getUTCDay();
    const workday = weekday !== 0 && weekday !== 6;
    const expected = (profile.deploysPerWeek / 5) * (workday ? 1 : 0.1);
    const count = Math.floor(expected) + (random() < expected % 1 ? 1 : 0);

    for (let i = 0; i < count; i++) {
      const startedAt = day + (8 + random() * 9) * HOUR_MS;
      const finishedAt = startedAt + (5 + random() * 25) * 60_000;
      if (startedAt < from || finishedAt > to) {
        continue;
      }
      const id = `${name}-${date}-${i + 1}`;
      const revision = sha(random);
      const dayNumber = Math.floor(day / DAY_MS);
      const version = `2.${Math.floor(dayNumber / 30) % 100}.${
        (dayNumber % 30) * 10 + i
      }`;
      const commitCount = 1 + Math.floor(random() * 4);
      const commits = Array.from({ length: commitCount }, () => ({
        sha: sha(random),
        committedAt: iso(
          Math.max(
            from,
            startedAt - exponential(random, profile.leadTimeHours) * HOUR_MS,
          ),
        ),
      }));
      const failedRoll = random();
      let status: Deployment['status'] = 'succeeded';
      if (failedRoll < profile.failureRate / 2) {
        status = 'failed';
      } else if (failedRoll < profile.failureRate) {
        status = 'rolled-back';
      }

      const runStartedAt = startedAt - (1 + random()) * HOUR_MS;
      history.runs.push({
        id: `${id}-build`,
        entityRef,
        revision,
        version,
        branch: 'main',
        startedAt: iso(runStartedAt),
        finishedAt: iso(runStartedAt + 40 * 60_000),
        gates: passingGates(random, profile),
      });
      history.deployments.push({
        id: `${id}-staging`,
        entityRef,
        environment: 'staging',
        revision,
        version,
        strategy: profile.strategy,
        gitops: profile.gitops,
        status: 'succeeded',
        startedAt: iso(startedAt - 45 * 60_000),
        finishedAt: iso(startedAt - 35 * 60_000),
      });
      history.deployments.push({
        id,
        entityRef,
        environment: 'production',
        revision,
        version,
        strategy: profile.strategy,
        gitops: profile.gitops,
        status,
        startedAt: iso(startedAt),
        finishedAt: iso(finishedAt),
        commits,
        url: profile.gitops
          ? `https://argocd.acme.example/applications/${name}`
          : `https://jenkins.acme.example/job/${name}/`,
      });
      lastDeployFinish = Math.max(lastDeployFinish, finishedAt);

      if (status === 'succeeded' && random() < profile.incidentRate) {
        const openedAt = finishedAt + (0.5 + random() * 10) * HOUR_MS;
        const resolvedAt =
          openedAt +
          Math.max(0.1, exponential(random, profile.recoveryHours)) * HOUR_MS;
        if (openedAt < to) {
          history.incidents.push({
            id: `INC-${name}-${date}-${i + 1}`,
            entityRef,
            title: incidentTitle(random, name),
            severity: pickSeverity(random),
            status: resolvedAt <= to ? 'resolved' : 'open',
            openedAt: iso(openedAt),
            ...(resolvedAt <= to && { resolvedAt: iso(resolvedAt) }),
            // Half of the teams' incident tooling names the deployment.
            ...(random() < 0.5 && { deploymentId: id }),
            url: `https://acme.pagerduty.example/incidents/${name}-${date}-${
              i + 1
            }`,
          });
        }
      }
    }
  }

  // The release candidate: built after the last deployment, not shipped yet.
  const candidateRandom = seededRandom(`${entityRef}|candidate|${utcDate(to)}`);
  const candidateStart = Math.min(to - HOUR_MS, lastDeployFinish + 2 * HOUR_MS);
  const gates = passingGates(candidateRandom, profile).map(gate =>
    candidateGate(gate, profile),
  );
  history.runs.push({
    id: `${name}-candidate-${utcDate(to)}`,
    entityRef,
    revision: sha(candidateRandom),
    version: 'next',
    branch: 'main',
    startedAt: iso(candidateStart),
    finishedAt: iso(candidateStart + 40 * 60_000),
    gates,
  });

  if (profile.openIncident) {
    history.incidents.push({
      id: `INC-${name}-open`,
      entityRef,
      title: incidentTitle(candidateRandom, name),
      severity: profile.openIncident,
      status: 'open',
      openedAt: iso(to - 5 * HOUR_MS),
      url: `https://acme.pagerduty.example/incidents/${name}-open`,
    });
  }

  if (profile.flags) {
    history.flags = demoFlags(entityRef, name, profile.flags, to);
  }
  return history;
}

function passingGates(
  random: () => number,
  profile: DemoProfile,
): PipelineGate[] {
  const round = (value: number, digits = 2) => Number(value.toFixed(digits));
  const testsTotal = 400 + Math.floor(random() * 1200);
  const metrics: Record<string, Record<string, number>> = {
    'unit-tests': {
      coverage: round(
        Math.min(
          0.99,
          Math.max(0.1, profile.coverage + (random() - 0.5) * 0.04),
        ),
        3,
      ),
      testsTotal,
      testsFailed: 0,
    },
    'static-analysis': {
      bugs: Math.floor(random() * 3),
      vulnerabilities: 0,
      codeSmells: Math.floor(random() * 60),
      reliabilityRating: profile.coverage > 0.7 ? 1 : 3,
      maintainabilityRating: profile.coverage > 0.8 ? 1 : 2,
    },
    'container-scan': {
      critical: 0,
      high: Math.floor(random() * 2),
      medium: Math.floor(random() * 6),
      low: Math.floor(random() * 15),
    },
    'functional-tests': {
      testsTotal: 80 + Math.floor(random() * 120),
      testsFailed: 0,
    },
    'load-test': loadTestMetrics(
      Math.round(120 + random() * 180),
      round(random() * 0.004, 4),
      Math.round(400 + random() * 800),
    ),
    'security-test': {
      critical: 0,
      high: 0,
      medium: Math.floor(random() * 3),
      low: Math.floor(random() * 5),
    },
  };
  return WELL_KNOWN_GATE_NAMES.map(gate => ({
    gate,
    status: 'passed' as const,
    metrics: metrics[gate],
    url: `https://ci.acme.example/gates/${gate}`,
  }));
}

/**
 * A load test's metrics as the JMeter module reports them over all samplers,
 * for a ten-minute run with this p95, error rate and throughput.
 */
function loadTestMetrics(
  p95Ms: number,
  errorRate: number,
  throughputPerSecond: number,
): Record<string, number> {
  return {
    samples: throughputPerSecond * 600,
    errorRate,
    p95Ms,
    p99Ms: Math.round(p95Ms * 1.6),
    meanMs: Math.round(p95Ms * 0.45),
    throughputPerSecond,
  };
}

/** The candidate's gates, failing where the profile says so. */
function candidateGate(gate: PipelineGate, profile: DemoProfile): PipelineGate {
  const metrics = { ...gate.metrics };
  let failing = profile.failingCandidateGates?.includes(gate.gate) ?? false;
  if (gate.gate === 'load-test' && failing) {
    metrics.p95Ms = 812;
    metrics.p99Ms = 1460;
    metrics.errorRate = 0.031;
  }
  if (gate.gate === 'functional-tests' && failing) {
    metrics.testsFailed = 7;
  }
  if (
    (gate.gate === 'container-scan' || gate.gate === 'security-test') &&
    profile.criticalVulnerabilities
  ) {
    metrics.critical = profile.criticalVulnerabilities;
    failing = true;
  }
  return { ...gate, status: failing ? 'failed' : 'passed', metrics };
}

function pickSeverity(random: () => number): IncidentSeverity {
  const roll = random();
  if (roll < 0.1) {
    return 'sev1';
  }
  if (roll < 0.4) {
    return 'sev2';
  }
  return roll < 0.8 ? 'sev3' : 'sev4';
}

const INCIDENT_SYMPTOMS = [
  'Elevated 5xx rate',
  'p99 latency above SLO',
  'Error budget burn alert',
  'Queue backlog growing',
  'Health check failing in one zone',
];

function incidentTitle(random: () => number, name: string): string {
  return `${
    INCIDENT_SYMPTOMS[Math.floor(random() * INCIDENT_SYMPTOMS.length)]
  } on ${name}`;
}

function demoFlags(
  entityRef: string,
  name: string,
  spec: NonNullable<DemoProfile['flags']>,
  now: number,
): FeatureFlag[] {
  const random = seededRandom(`${entityRef}|flags`);
  const staleCount = Math.round(spec.count * spec.staleShare);
  return Array.from({ length: spec.count }, (_, index) => {
    const key = FLAG_NAMES[(index + name.length) % FLAG_NAMES.length];
    const type =
      FLAG_TYPES_BY_INDEX[(index + name.length) % FLAG_TYPES_BY_INDEX.length];
    const old = index < staleCount;
    const temporary = old || (type !== 'kill-switch' && type !== 'permission');
    const ageDays = old
      ? 70 + Math.floor(random() * 200)
      : 2 + Math.floor(random() * 25);
    const createdAt = now - ageDays * DAY_MS;
    const rollout = [100, 50, 25, 10][Math.floor(random() * 4)];
    return {
      key,
      name: key.replace(/-/g, ' '),
      provider: spec.provider,
      type: old ? 'release' : type,
      temporary,
      archived: false,
      environments: [
        {
          name: 'development',
          enabled: true,
          lastModifiedAt: iso(createdAt + DAY_MS),
        },
        {
          name: 'staging',
          enabled: true,
          lastModifiedAt: iso(createdAt + 2 * DAY_MS),
        },
        {
          name: 'production',
          enabled: index % 4 !== 3,
          ...(rollout < 100 && { rolloutPercent: rollout }),
          lastModifiedAt: iso(createdAt + 3 * DAY_MS),
        },
      ],
      createdAt: iso(createdAt),
      lastModifiedAt: iso(createdAt + 3 * DAY_MS),
      owner: `${name} team`,
      stale: false,
      url: flagUrl(spec.provider, name, key),
    };
  });
}

function flagUrl(provider: string, project: string, key: string): string {
  switch (provider) {
    case 'launchdarkly':
      return `https://app.launchdarkly.com/projects/${project}/flags/${key}`;
    case 'flagsmith':
      return `https://app.flagsmith.com/project/${project}/features?feature=${key}`;
    default:
      return `https://unleash.acme.example/projects/${project}/features/${key}`;
  }
}
