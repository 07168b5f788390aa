import { Entity } from '@backstage/catalog-model';
import {
  DoraMetrics,
  FactValue,
  INCIDENT_SEVERITIES,
  INCIDENT_TOOL_ANNOTATIONS,
} from '@internal/plugin-release-scorecard-common';
import { MirroredEntity } from '../database/CatalogMirrorStore';
import { EntityEvidenceSummary } from '../database/FactQueries';
import { Facts } from '../rules';

const DAY_MS = 86_400_000;

const HOUR_SECONDS = 3600;

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * The facts rules are evaluated on, from the entity's catalog copy, its
 * evidence and its DORA figures. A fact without data is left out, so that a
 * rule on it reports `no-data` instead of silently passing; counts that are
 * known to be zero (no open incident) are 0.
 */
export function buildFacts(options: {
  entity: MirroredEntity;
  evidence: EntityEvidenceSummary;
  dora: DoraMetrics;
  now: number;
  /** The annotations of the installed flag providers. */
  flagProviderAnnotations: string[];
}): Facts {
  const { entity, evidence, dora, now } = options;
  const facts: Facts = {
    'entity.kind': entity.kind,
    'entity.type': entity.type,
    'entity.lifecycle': entity.lifecycle,
    'entity.owner': entity.owner,
    'entity.system': entity.system,
    'entity.tags': entity.tags,
  };
  for (const [key, value] of Object.entries(entity.annotations)) {
    facts[`entity.annotations.${key}`] = value;
  }

  const deployment = evidence.latestProductionDeployment;
  if (deployment) {
    facts['deployment.strategy'] = deployment.strategy;
    facts['deployment.gitops'] = deployment.gitops;
    facts['deployment.status'] = deployment.status;
    facts['deployment.ageDays'] = roundTo(
      Math.max(0, now - deployment.startedAt) / DAY_MS,
      1,
    );
  }

  for (const gate of evidence.candidateRun?.gates ?? []) {
    facts[`gate.${gate.gate}.status`] = gate.status;
    for (const [metric, value] of Object.entries(gate.metrics ?? {})) {
      facts[`gate.${gate.gate}.${metric}`] = value;
    }
  }

  // No production deployment in the window: frequency has no data (a rule
  // on it is not met), rather than a measured zero.
  facts['dora.deploymentsPerWeek'] =
    dora.changeFailureRate.total > 0
      ? roundTo(dora.deploymentFrequency.perWeek, 2)
      : undefined;
  facts['dora.leadTimeMedianHours'] = hours(dora.leadTime.medianSeconds);
  facts['dora.changeFailureRate'] =
    dora.changeFailureRate.rate === null
      ? undefined
      : roundTo(dora.changeFailureRate.rate, 4);
  facts['dora.recoveryTimeMedianHours'] = hours(
    dora.recoveryTime.medianSeconds,
  );
  facts['dora.tier'] = dora.overallTier ?? undefined;

  // Zero open incidents is only known when incidents are reported at all.
  const tracksIncidents =
    evidence.hasIncidents ||
    INCIDENT_TOOL_ANNOTATIONS.some(
      annotation => entity.annotations[annotation],
    );
  if (tracksIncidents) {
    let openIncidents = 0;
    for (const severity of INCIDENT_SEVERITIES) {
      const count = evidence.openIncidents[severity] ?? 0;
      facts[`incidents.open.${severity}`] = count;
      openIncidents += count;
    }
    facts['incidents.open'] = openIncidents;
    facts['incidents.last30d'] = evidence.incidentsLast30Days;
  }

  // An entity without a flag provider has no flags; one whose provider has
  // not delivered a snapshot yet has no data.
  const usesFlagProvider = options.flagProviderAnnotations.some(
    annotation => entity.annotations[annotation],
  );
  if (evidence.hasFlagData || !usesFlagProvider) {
    facts['flags.active'] = evidence.activeFlags;
    facts['flags.stale'] = evidence.staleActiveFlags;
  }

  return Object.fromEntries(
    Object.entries(facts).filter(
      ([, value]) => value !== undefined && value !== null,
    ),
  ) as Record<string, FactValue>;
}

function hours(seconds: number | null): number | undefined {
  return seconds === null ? undefined : roundTo(seconds / HOUR_SECONDS, 2);
}

/** The catalog entity as the rules engine's appliesTo matching reads it. */
export function toCatalogEntity(entity: MirroredEntity): Entity {
  const [, namespace, name] =
    /^[^:]+:([^/]+)\/(.+)$/.exec(entity.entityRef) ?? [];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: entity.kind,
    metadata: {
      name,
      namespace,
      title: entity.title,
      tags: entity.tags,
      annotations: entity.annotations,
    },
    spec: {
      type: entity.type,
      lifecycle: entity.lifecycle,
      owner: entity.owner,
      system: entity.system,
    },
  };
}
