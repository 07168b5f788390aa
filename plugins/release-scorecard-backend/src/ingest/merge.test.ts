import { DeploymentEvidence, IncidentEvidence } from './evidence';
import {
  applyDeploymentPatch,
  applyGateReports,
  mergeDeployment,
  mergeIncident,
} from './merge';

const deployment = (
  overrides: Partial<DeploymentEvidence>,
): DeploymentEvidence => ({
  entityRef: 'component:default/a',
  source: 'api',
  id: 'd1',
  environment: 'production',
  revision: 'abc',
  strategy: 'canary',
  gitops: true,
  status: 'succeeded',
  startedAt: 100,
  finishedAt: 200,
  commits: [],
  ...overrides,
});

const incident = (overrides: Partial<IncidentEvidence>): IncidentEvidence => ({
  entityRef: 'component:default/a',
  source: 'pagerduty',
  id: 'i1',
  title: 'Outage',
  severity: 'sev2',
  status: 'open',
  openedAt: 100,
  ...overrides,
});

describe('mergeDeployment', () => {
  it('never goes back from a final status to in-progress', () => {
    const merged = mergeDeployment(
      deployment({ status: 'failed', finishedAt: 300 }),
      deployment({
        status: 'in-progress',
        finishedAt: undefined,
        version: '1.2.0',
      }),
    );
    expect(merged).toMatchObject({
      status: 'failed',
      finishedAt: 300,
      version: '1.2.0',
    });
  });

  it('lets the later of two final states win, and keeps the earliest start', () => {
    const merged = mergeDeployment(
      deployment({ status: 'succeeded', finishedAt: 200, startedAt: 90 }),
      deployment({ status: 'rolled-back', finishedAt: 250, startedAt: 100 }),
    );
    expect(merged).toMatchObject({
      status: 'rolled-back',
      finishedAt: 250,
      startedAt: 90,
    });
    expect(
      mergeDeployment(
        deployment({ status: 'rolled-back', finishedAt: 250 }),
        deployment({ status: 'succeeded', finishedAt: 200 }),
      ).status,
    ).toBe('rolled-back');
  });

  it('lets a failure win over a success that finished at the same time', () => {
    const degraded = deployment({ status: 'failed', finishedAt: 200 });
    expect(
      mergeDeployment(
        degraded,
        deployment({ status: 'succeeded', finishedAt: 200 }),
      ).status,
    ).toBe('failed');
    expect(
      mergeDeployment(deployment({ status: 'succeeded' }), degraded).status,
    ).toBe('failed');
    // Re-delivering the same final state still replaces (corrections to other fields).
    expect(
      mergeDeployment(
        degraded,
        deployment({ status: 'rolled-back', finishedAt: 200 }),
      ).status,
    ).toBe('rolled-back');
  });

  it('keeps a known strategy over unknown and unions commits by sha', () => {
    const merged = mergeDeployment(
      deployment({
        strategy: 'blue-green',
        commits: [{ sha: 'a', committedAt: 1 }],
      }),
      deployment({
        strategy: 'unknown',
        commits: [
          { sha: 'a', committedAt: 2 },
          { sha: 'b', committedAt: 3 },
        ],
      }),
    );
    expect(merged.strategy).toBe('blue-green');
    expect(merged.commits).toEqual([
      { sha: 'a', committedAt: 2 },
      { sha: 'b', committedAt: 3 },
    ]);
  });
});

describe('applyDeploymentPatch', () => {
  it('sets the strategy and a later final status from a rollout event', () => {
    const patched = applyDeploymentPatch(deployment({ strategy: 'unknown' }), {
      entityRef: 'component:default/a',
      source: 'argocd',
      environment: 'production',
      fallbackId: 'x',
      strategy: 'canary',
      status: 'rolled-back',
      startedAt: 100,
      finishedAt: 400,
    });
    expect(patched).toMatchObject({
      strategy: 'canary',
      status: 'rolled-back',
      finishedAt: 400,
    });
  });
});

describe('mergeIncident', () => {
  it('resolves an open incident and ignores a late open event', () => {
    const resolved = mergeIncident(
      incident({}),
      incident({ status: 'resolved', resolvedAt: 500 }),
    );
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: 500 });
    expect(mergeIncident(resolved, incident({ title: 'late' }))).toMatchObject({
      status: 'resolved',
      title: 'Outage',
    });
  });
});

describe('applyGateReports', () => {
  it('combines tools on one gate: the worst status, metrics of both', () => {
    const { gates, reports } = applyGateReports({}, [
      {
        gate: 'unit-tests',
        source: 'junit',
        status: 'failed',
        metrics: { testsFailed: 2 },
        reportedAt: 1,
      },
      {
        gate: 'unit-tests',
        source: 'cobertura',
        metrics: { coverage: 0.8 },
        reportedAt: 2,
      },
      { gate: 'load-test', source: 'k6', status: 'passed', reportedAt: 1 },
    ]);
    expect(gates).toEqual([
      { gate: 'load-test', status: 'passed' },
      {
        gate: 'unit-tests',
        status: 'failed',
        metrics: { testsFailed: 2, coverage: 0.8 },
      },
    ]);

    const fixed = applyGateReports(reports, [
      {
        gate: 'unit-tests',
        source: 'junit',
        status: 'passed',
        metrics: { testsFailed: 0 },
        reportedAt: 5,
      },
      // An older re-delivery does not undo the fix.
      {
        gate: 'unit-tests',
        source: 'junit',
        status: 'failed',
        metrics: { testsFailed: 2 },
        reportedAt: 1,
      },
    ]);
    expect(fixed.redelivered).toBe(2);
    expect(fixed.gates[1]).toEqual({
      gate: 'unit-tests',
      status: 'passed',
      metrics: { testsFailed: 0, coverage: 0.8 },
    });
  });

  it('does not change the reports it was given', () => {
    const before = {
      'unit-tests': { junit: { status: 'passed' as const, reportedAt: 1 } },
    };
    applyGateReports(before, [
      { gate: 'unit-tests', source: 'junit', status: 'failed', reportedAt: 2 },
    ]);
    expect(before['unit-tests'].junit.status).toBe('passed');
  });
});
