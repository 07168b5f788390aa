import { DoraMetrics } from '@internal/plugin-release-scorecard-common';
import { MirroredEntity } from '../database/CatalogMirrorStore';
import { EntityEvidenceSummary } from '../database/FactQueries';
import { buildFacts } from './buildFacts';
import { BUILT_IN_FLAG_PROVIDERS } from '../flags';

const NOW = Date.parse('2026-11-22T12:00:00Z');

const entity = (annotations: Record<string, string> = {}): MirroredEntity => ({
  entityRef: 'component:default/payments-api',
  kind: 'component',
  type: 'service',
  lifecycle: 'production',
  owner: 'group:default/payments-team',
  system: 'system:default/payments',
  tags: ['java'],
  annotations,
});

const evidence = (
  overrides: Partial<EntityEvidenceSummary> = {},
): EntityEvidenceSummary => ({
  openIncidents: {},
  incidentsLast30Days: 0,
  hasIncidents: false,
  activeFlags: 0,
  staleActiveFlags: 0,
  hasFlagData: false,
  ...overrides,
});

const dora: DoraMetrics = {
  entityCount: 1,
  windowDays: 90,
  from: '2026-08-24T12:00:00.000Z',
  to: '2026-11-22T12:00:00.000Z',
  profile: '2023',
  deploymentFrequency: { deployments: 13, perWeek: 1.0111, tier: 'high' },
  leadTime: {
    medianSeconds: 5400,
    p90Seconds: 9000,
    samples: 3,
    tier: 'elite',
  },
  changeFailureRate: { failed: 1, total: 14, rate: 1 / 14, tier: 'high' },
  recoveryTime: { medianSeconds: null, samples: 0, tier: null },
  overallTier: 'high',
};

const FLAG_ANNOTATIONS = BUILT_IN_FLAG_PROVIDERS.map(p => p.annotation);

describe('buildFacts', () => {
  it('turns evidence into facts, rounded for people to read', () => {
    const facts = buildFacts({
      flagProviderAnnotations: FLAG_ANNOTATIONS,
      entity: entity({ 'pagerduty.com/service-id': 'P1' }),
      evidence: evidence({
        latestProductionDeployment: {
          id: 'd1',
          strategy: 'canary',
          gitops: true,
          status: 'succeeded',
          startedAt: NOW - 36 * 3_600_000,
        },
        candidateRun: {
          id: 'run-1',
          revision: 'abc',
          startedAt: NOW,
          gates: [
            {
              gate: 'unit-tests',
              status: 'passed',
              metrics: { coverage: 0.86 },
            },
          ],
        },
        openIncidents: { sev1: 1, sev3: 2 },
        incidentsLast30Days: 4,
        hasIncidents: true,
      }),
      dora,
      now: NOW,
    });
    expect(facts).toEqual({
      'entity.kind': 'component',
      'entity.type': 'service',
      'entity.lifecycle': 'production',
      'entity.owner': 'group:default/payments-team',
      'entity.system': 'system:default/payments',
      'entity.tags': ['java'],
      'entity.annotations.pagerduty.com/service-id': 'P1',
      'deployment.strategy': 'canary',
      'deployment.gitops': true,
      'deployment.status': 'succeeded',
      'deployment.ageDays': 1.5,
      'gate.unit-tests.status': 'passed',
      'gate.unit-tests.coverage': 0.86,
      'dora.deploymentsPerWeek': 1.01,
      'dora.leadTimeMedianHours': 1.5,
      'dora.changeFailureRate': 0.0714,
      'dora.tier': 'high',
      'incidents.open': 3,
      'incidents.open.sev1': 1,
      'incidents.open.sev2': 0,
      'incidents.open.sev3': 2,
      'incidents.open.sev4': 0,
      'incidents.last30d': 4,
      'flags.active': 0,
      'flags.stale': 0,
    });
  });

  it('leaves out incident facts for an entity no incident tool reports on', () => {
    const facts = buildFacts({
      flagProviderAnnotations: FLAG_ANNOTATIONS,
      entity: entity(),
      evidence: evidence(),
      dora,
      now: NOW,
    });
    expect(facts['incidents.open.sev1']).toBeUndefined();
    expect(facts['incidents.open']).toBeUndefined();
    expect(facts['deployment.gitops']).toBeUndefined();
  });

  it('has no flag data while a connected provider has not delivered, and zero flags without a provider', () => {
    const waiting = buildFacts({
      flagProviderAnnotations: FLAG_ANNOTATIONS,
      entity: entity({ 'unleash.io/project-id': 'payments' }),
      evidence: evidence(),
      dora,
      now: NOW,
    });
    expect(waiting['flags.stale']).toBeUndefined();

    const delivered = buildFacts({
      flagProviderAnnotations: FLAG_ANNOTATIONS,
      entity: entity({ 'unleash.io/project-id': 'payments' }),
      evidence: evidence({
        hasFlagData: true,
        activeFlags: 5,
        staleActiveFlags: 2,
      }),
      dora,
      now: NOW,
    });
    expect(delivered['flags.active']).toBe(5);
    expect(delivered['flags.stale']).toBe(2);
  });
});
