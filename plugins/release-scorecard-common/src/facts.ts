/*
 * The facts that scorecard rules can test. Each fact has a name, a type and a
 * description; `GET /rules/facts` lists them and the backend refuses, at
 * startup, a rule that names a fact not described here.
 */
import { INCIDENT_SEVERITIES, WELL_KNOWN_GATES } from './records';

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
    description: 'A metric that a gate of the release candidate reported.',
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

const NAME_SEGMENT = '[a-z0-9][a-z0-9_-]*';
const PATTERN_MATCHERS: Array<{ pattern: RegExp; definition: FactDefinition }> =
  [
    {
      pattern: new RegExp(`^gate\\.${NAME_SEGMENT}\\.status$`, 'i'),
      definition: FACT_PATTERNS[0],
    },
    {
      pattern: new RegExp(`^gate\\.${NAME_SEGMENT}\\.[a-z][a-z0-9_]*$`, 'i'),
      definition: FACT_PATTERNS[1],
    },
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
 * (a misspelt fact).
 */
export function findFactDefinition(name: string): FactDefinition | undefined {
  const fixed = FIXED_FACTS.find(fact => fact.name === name);
  if (fixed) {
    return fixed;
  }
  return PATTERN_MATCHERS.find(({ pattern }) => pattern.test(name))?.definition;
}
