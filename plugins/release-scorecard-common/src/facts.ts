/*
 * The facts that scorecard rules can test. Each fact has a name, a type and a
 * description; `GET /rules/facts` lists them and the backend refuses, at
 * startup, a rule that names a fact not described here.
 */
import {
  INCIDENT_SEVERITIES,
  WELL_KNOWN_GATE_NAMES,
  WELL_KNOWN_GATES,
  WellKnownGate,
} from './records';

export type FactType = 'number' | 'string' | 'boolean' | 'string[]';

export interface FactDefinition {
  /** The fact name, or a pattern with `<placeholders>` for families of facts. */
  name: string;
  type: FactType;
  description: string;
  unit?: string;
  /** Example names for a pattern, e.g. `gate.unit-tests.coverage`. */
  examples?: string[];
}

/** Facts with a fixed name. */
export const FIXED_FACTS: FactDefinition[] = [
  {
    name: 'deployment.strategy',
    type: 'string',
    description:
      'Strategy of the latest production deployment: rolling, canary, blue-green, recreate or unknown.',
  },
  {
    name: 'deployment.gitops',
    type: 'boolean',
    description:
      'Whether the latest production deployment was applied by a GitOps controller (Argo CD, Flux).',
  },
  {
    name: 'deployment.status',
    type: 'string',
    description:
      'Status of the latest production deployment: in-progress, succeeded, failed or rolled-back.',
  },
  {
    name: 'deployment.ageDays',
    type: 'number',
    unit: 'days',
    description: 'Days since the latest production deployment started.',
  },
  {
    name: 'dora.deploymentsPerWeek',
    type: 'number',
    unit: 'per week',
    description:
      'Succeeded production deployments per week over the DORA window.',
  },
  {
    name: 'dora.leadTimeMedianHours',
    type: 'number',
    unit: 'hours',
    description:
      'Median lead time for changes (commit to production) in hours.',
  },
  {
    name: 'dora.changeFailureRate',
    type: 'number',
    unit: 'ratio 0..1',
    description:
      'Share of production deployments that failed, were rolled back or caused an incident.',
  },
  {
    name: 'dora.recoveryTimeMedianHours',
    type: 'number',
    unit: 'hours',
    description: 'Median time to resolve an incident, in hours.',
  },
  {
    name: 'dora.tier',
    type: 'string',
    description:
      'Overall DORA tier: elite, high, medium or low (the worst of the four metrics).',
  },
  {
    name: 'incidents.open',
    type: 'number',
    description: 'Incidents open now, of any severity.',
  },
  {
    name: 'incidents.last30d',
    type: 'number',
    description: 'Incidents opened in the last 30 days.',
  },
  {
    name: 'flags.active',
    type: 'number',
    description:
      'Feature flags that are not archived and enabled in at least one environment.',
  },
  {
    name: 'flags.stale',
    type: 'number',
    description:
      'Active feature flags that their provider marks stale or that outlived the lifetime of their type.',
  },
  {
    name: 'entity.kind',
    type: 'string',
    description: 'Kind of the catalog entity, e.g. component.',
  },
  {
    name: 'entity.type',
    type: 'string',
    description: 'spec.type of the catalog entity, e.g. service.',
  },
  {
    name: 'entity.owner',
    type: 'string',
    description: 'Entity ref of the owner, e.g. group:default/payments-team.',
  },
  {
    name: 'entity.lifecycle',
    type: 'string',
    description: 'spec.lifecycle of the catalog entity, e.g. production.',
  },
  {
    name: 'entity.system',
    type: 'string',
    description: 'Entity ref of the system the entity belongs to.',
  },
  {
    name: 'entity.tags',
    type: 'string[]',
    description: 'Tags of the catalog entity.',
  },
];

/** Families of facts whose names are built from a gate, metric or key. */
export const FACT_PATTERNS: FactDefinition[] = [
  {
    name: 'gate.<gate>.status',
    type: 'string',
    description:
      'Status of a gate in the release candidate (the latest pipeline run): passed, failed or skipped.',
    examples: Object.keys(WELL_KNOWN_GATES).map(gate => `gate.${gate}.status`),
  },
  {
    name: 'gate.<gate>.<metric>',
    type: 'number',
    description:
      'A metric that a gate of the release candidate reported. A well-known gate has the metrics of the examples; names are case-sensitive.',
    examples: Object.entries(WELL_KNOWN_GATES).flatMap(([gate, metrics]) =>
      metrics.map(metric => `gate.${gate}.${metric}`),
    ),
  },
  {
    name: 'incidents.open.<severity>',
    type: 'number',
    description: 'Incidents open now with the given severity (sev1..sev4).',
    examples: INCIDENT_SEVERITIES.map(severity => `incidents.open.${severity}`),
  },
  {
    name: 'entity.annotations.<annotation>',
    type: 'string',
    description: 'The value of an annotation of the catalog entity.',
    examples: ['entity.annotations.argocd/app-name'],
  },
];

// Gate and metric names as the push API takes them: `unit-tests`, `p95Ms`.
const GATE_NAME = '[a-z0-9][a-z0-9_-]*';
const METRIC_NAME = '[A-Za-z][A-Za-z0-9_]*';
const GATE_FACT_PATTERN = new RegExp(
  `^gate\\.(${GATE_NAME})\\.(${METRIC_NAME})$`,
);
const PATTERN_MATCHERS: Array<{ pattern: RegExp; definition: FactDefinition }> =
  [
    {
      pattern: new RegExp(
        `^incidents\\.open\\.(${INCIDENT_SEVERITIES.join('|')})$`,
      ),
      definition: FACT_PATTERNS[2],
    },
    {
      pattern: /^entity\.annotations\.[A-Za-z0-9][A-Za-z0-9./_-]*$/,
      definition: FACT_PATTERNS[3],
    },
  ];

/**
 * The definition of a fact name, or undefined when no rule can use it
 * (a misspelt fact). Names are case-sensitive. A well-known gate has only its
 * own metrics, and a near miss of a well-known gate (`unit-test`) is a
 * misspelling rather than a gate of its own: no built-in source reports it.
 */
export function findFactDefinition(name: string): FactDefinition | undefined {
  const fixed = FIXED_FACTS.find(fact => fact.name === name);
  if (fixed) {
    return fixed;
  }
  const gateFact = GATE_FACT_PATTERN.exec(name);
  if (gateFact) {
    return findGateFactDefinition(gateFact[1], gateFact[2]);
  }
  return PATTERN_MATCHERS.find(({ pattern }) => pattern.test(name))?.definition;
}

function findGateFactDefinition(
  gate: string,
  metric: string,
): FactDefinition | undefined {
  const [statusFact, metricFact] = FACT_PATTERNS;
  if (isWellKnownGate(gate)) {
    if (metric === 'status') {
      return statusFact;
    }
    return (WELL_KNOWN_GATES[gate] as readonly string[]).includes(metric)
      ? metricFact
      : undefined;
  }
  if (findMisspeltWellKnownGate(gate)) {
    return undefined;
  }
  return metric === 'status' ? statusFact : metricFact;
}

/** Whether the push API takes `gate` as a gate name: `unit-tests`, `e2e_smoke`. */
export function isGateName(gate: string): boolean {
  return new RegExp(`^${GATE_NAME}$`).test(gate);
}

export function isWellKnownGate(gate: string): gate is WellKnownGate {
  return (WELL_KNOWN_GATE_NAMES as readonly string[]).includes(gate);
}

/**
 * The well-known gate that `gate` is a misspelling of: one edit away
 * (`unit-test`, `unit-tetss`, `uint-tests`), or the same but for case, `_`,
 * `-` and plurals (`Unit_Tests`, `load-tests`, `static-analyses`). Undefined
 * for a well-known gate itself and for gates of one's own such as `e2e`,
 * `ui-tests` or `soak-test`.
 */
export function findMisspeltWellKnownGate(
  gate: string,
): WellKnownGate | undefined {
  if (isWellKnownGate(gate)) {
    return undefined;
  }
  const key = spellingKey(gate);
  return WELL_KNOWN_GATE_NAMES.find(
    wellKnown =>
      editDistance(gate, wellKnown) <= 1 ||
      editDistance(key, spellingKey(wellKnown)) <= 1,
  );
}

/** `Unit_Tests` and `unit-test` both become `unit-test`. */
function spellingKey(name: string): string {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(word => word.replace(/e?s$/, ''))
    .join('-');
}

/**
 * How many single-character edits (insert, delete, replace, swap with the
 * neighbour) turn `a` into `b`: the optimal string alignment distance, by
 * which misspelt names are told from the names meant.
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between the first i characters of a and the first j of b.
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        rows[i - 1][j] + 1,
        row[j - 1] + 1,
        rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
      }
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}
