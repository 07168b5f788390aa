/*
 * A deterministic synthetic organisation for the benchmark: nested groups,
 * services with owners and systems, and a year of evidence per service.
 * The same scale and seed always give the same organisation.
 */
import {
  FeatureFlag,
  WELL_KNOWN_GATE_NAMES,
} from '@internal/plugin-release-scorecard-common';
import {
  DeploymentEvidence,
  FlagSnapshotEvidence,
  IncidentEvidence,
  PipelineRunEvidence,
} from '../src/evidence';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Scale {
  name: string;
  divisions: number;
  departmentsPerDivision: number;
  teamsPerDepartment: number;
  servicesPerTeam: number;
  days: number;
  deploymentsPerService: number;
  runsPerService: number;
  incidentsPerService: number;
  flagsPerService: number;
  /** Requests per measured endpoint (after warm-up). */
  samples: number;
  warmup: number;
  ingestBatches: number;
}

/** 10,000 services in 200 teams, a year of history: ~1M deployments and runs. */
export const FULL_SCALE: Scale = {
  name: 'full',
  divisions: 10,
  departmentsPerDivision: 4,
  teamsPerDepartment: 5,
  servicesPerTeam: 50,
  days: 365,
  deploymentsPerService: 100,
  runsPerService: 100,
  incidentsPerService: 10,
  flagsPerService: 5,
  samples: 300,
  warmup: 30,
  ingestBatches: 200,
};

/** The same shape, small enough for CI: 200 services in 8 teams. */
export const SMALL_SCALE: Scale = {
  name: 'small',
  divisions: 2,
  departmentsPerDivision: 2,
  teamsPerDepartment: 2,
  servicesPerTeam: 25,
  days: 120,
  deploymentsPerService: 30,
  runsPerService: 30,
  incidentsPerService: 4,
  flagsPerService: 3,
  samples: 60,
  warmup: 10,
  ingestBatches: 20,
};

export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Group {
  name: string;
  parent?: string;
  type: 'organization' | 'division' | 'department' | 'team';
}

export interface Service {
  name: string;
  entityRef: string;
  team: string;
  system: string;
  lifecycle: string;
}

export interface Organisation {
  groups: Group[];
  services: Service[];
  /** A team of `servicesPerTeam` services and a division of ~1,000 (full scale). */
  sampleTeam: string;
  sampleDivision: string;
}

export function buildOrganisation(scale: Scale): Organisation {
  const groups: Group[] = [{ name: 'acme', type: 'organization' }];
  const services: Service[] = [];
  for (let d = 0; d < scale.divisions; d++) {
    const division = `division-${d}`;
    groups.push({ name: division, parent: 'acme', type: 'division' });
    for (let p = 0; p < scale.departmentsPerDivision; p++) {
      const department = `${division}-dept-${p}`;
      groups.push({ name: department, parent: division, type: 'department' });
      for (let t = 0; t < scale.teamsPerDepartment; t++) {
        const team = `${department}-team-${t}`;
        groups.push({ name: team, parent: department, type: 'team' });
        for (let s = 0; s < scale.servicesPerTeam; s++) {
          const name = `${team}-svc-${s}`;
          services.push({
            name,
            entityRef: `component:default/${name}`,
            team,
            system: `${department}-system`,
            lifecycle: s % 10 === 9 ? 'experimental' : 'production',
          });
        }
      }
    }
  }
  return {
    groups,
    services,
    sampleTeam: `division-0-dept-0-team-0`,
    sampleDivision: 'division-0',
  };
}

function sha(random: () => number): string {
  return (
    Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0') +
    Math.floor(random() * 0xffffffff)
      .toString(16)
      .padStart(8, '0')
  );
}

export interface ServiceHistory {
  deployments: DeploymentEvidence[];
  runs: PipelineRunEvidence[];
  incidents: IncidentEvidence[];
  flags: FlagSnapshotEvidence;
}

/** One service's history, ending at `now`; seeded by the service's index. */
/** Half of the failures fail outright; the other half are rolled back. */
function deploymentStatus(roll: number, failureRate: number) {
  if (roll < failureRate / 2) return 'failed' as const;
  if (roll < failureRate) return 'rolled-back' as const;
  return 'succeeded' as const;
}

export function serviceHistory(
  service: Service,
  index: number,
  scale: Scale,
  now: number,
): ServiceHistory {
  const random = seededRandom(index + 1);
  const from = now - scale.days * DAY;
  const span = now - from;
  // Each service has its own delivery style, so tiers and rules vary.
  const failureRate = 0.02 + random() * 0.2;
  const leadTimeHours = 2 + random() * 200;
  const gitops = random() < 0.7;
  const strategy = (['canary', 'blue-green', 'rolling', 'recreate'] as const)[
    Math.floor(random() * 4)
  ];

  const deployments: DeploymentEvidence[] = [];
  for (let i = 0; i < scale.deploymentsPerService; i++) {
    const startedAt =
      from + Math.floor(((i + random()) / scale.deploymentsPerService) * span);
    const roll = random();
    const commitCount = 1 + Math.floor(random() * 5);
    deployments.push({
      entityRef: service.entityRef,
      source: 'api',
      id: `${service.name}-d${i}`,
      environment: 'production',
      revision: sha(random),
      version: `1.${i}.0`,
      strategy,
      gitops,
      status: deploymentStatus(roll, failureRate),
      startedAt,
      finishedAt: startedAt + 10 * 60_000,
      commits: Array.from({ length: commitCount }, () => ({
        sha: sha(random),
        committedAt:
          startedAt - Math.floor(random() * 2 * leadTimeHours * HOUR),
      })),
    });
  }

  const runs: PipelineRunEvidence[] = [];
  for (let i = 0; i < scale.runsPerService; i++) {
    const startedAt =
      from + Math.floor(((i + random()) / scale.runsPerService) * span);
    runs.push({
      entityRef: service.entityRef,
      source: 'api',
      id: `${service.name}-run${i}`,
      revision: sha(random),
      version: `1.${i}.0`,
      branch: 'main',
      startedAt,
      finishedAt: startedAt + 30 * 60_000,
      gates: WELL_KNOWN_GATE_NAMES.map(gate => ({
        gate,
        source: 'api',
        status: random() < 0.93 ? ('passed' as const) : ('failed' as const),
        metrics: gateMetrics(gate, random),
        reportedAt: startedAt + 30 * 60_000,
      })),
    });
  }

  const incidents: IncidentEvidence[] = [];
  for (let i = 0; i < scale.incidentsPerService; i++) {
    const openedAt = from + Math.floor(random() * span);
    const resolvedAt = openedAt + Math.floor(random() * 48 * HOUR);
    const resolved = resolvedAt < now;
    incidents.push({
      entityRef: service.entityRef,
      source: 'pagerduty',
      id: `${service.name}-inc${i}`,
      title: 'Elevated error rate',
      severity: (['sev1', 'sev2', 'sev3', 'sev4'] as const)[
        Math.floor(random() * 4)
      ],
      status: resolved ? 'resolved' : 'open',
      openedAt,
      resolvedAt: resolved ? resolvedAt : undefined,
      deploymentId:
        random() < 0.3
          ? deployments[Math.floor(random() * deployments.length)]?.id
          : undefined,
    });
  }

  const flags: FeatureFlag[] = Array.from(
    { length: scale.flagsPerService },
    (_, i) => ({
      key: `${service.name}-flag-${i}`,
      provider: 'unleash',
      type: i % 5 === 4 ? 'kill-switch' : 'release',
      temporary: i % 5 !== 4,
      archived: false,
      environments: [
        {
          name: 'production',
          enabled: random() < 0.8,
          rolloutPercent: Math.floor(random() * 100),
        },
      ],
      createdAt: new Date(now - Math.floor(random() * 120) * DAY).toISOString(),
      stale: false,
    }),
  );

  return {
    deployments,
    runs,
    incidents,
    flags: {
      entityRef: service.entityRef,
      provider: 'unleash',
      source: 'unleash',
      flags,
    },
  };
}

function gateMetrics(
  gate: string,
  random: () => number,
): Record<string, number> {
  switch (gate) {
    case 'unit-tests':
      return {
        coverage: Math.round((0.5 + random() * 0.5) * 1000) / 1000,
        testsTotal: 800,
        testsFailed: 0,
      };
    case 'static-analysis':
      return {
        bugs: Math.floor(random() * 4),
        vulnerabilities: 0,
        codeSmells: 40,
        reliabilityRating: 1 + Math.floor(random() * 3),
        maintainabilityRating: 1,
      };
    case 'container-scan':
    case 'security-test':
      return {
        critical: random() < 0.05 ? 1 : 0,
        high: Math.floor(random() * 3),
        medium: 4,
        low: 9,
      };
    case 'load-test': {
      // As the JMeter module reports it, from a ten-minute run at 900 / s.
      const p95Ms = Math.round(100 + random() * 400);
      return {
        samples: 540_000,
        errorRate: 0.001,
        p95Ms,
        p99Ms: Math.round(p95Ms * 1.6),
        meanMs: Math.round(p95Ms * 0.45),
        throughputPerSecond: 900,
      };
    }
    default:
      return { testsTotal: 120, testsFailed: 0 };
  }
}

/** The catalog of the organisation as one YAML document stream. */
export function catalogYaml(organisation: Organisation): string {
  const documents: string[] = [];
  for (const group of organisation.groups) {
    documents.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        `  name: ${group.name}`,
        'spec:',
        `  type: ${group.type}`,
        ...(group.parent ? [`  parent: ${group.parent}`] : []),
        '  children: []',
      ].join('\n'),
    );
  }
  const systems = new Set(organisation.services.map(service => service.system));
  for (const system of systems) {
    documents.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: System',
        'metadata:',
        `  name: ${system}`,
        'spec:',
        '  owner: acme',
      ].join('\n'),
    );
  }
  for (const service of organisation.services) {
    documents.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: ${service.name}`,
        '  annotations:',
        `    pagerduty.com/service-id: P${service.name.length}`,
        `    unleash.io/project-id: ${service.name}`,
        'spec:',
        '  type: service',
        `  lifecycle: ${service.lifecycle}`,
        `  owner: ${service.team}`,
        `  system: ${service.system}`,
      ].join('\n'),
    );
  }
  return `${documents.join('\n---\n')}\n`;
}
