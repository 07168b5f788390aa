import fc from 'fast-check';
import { DeploymentEvidence, GateEvidence, IncidentEvidence } from './types';
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

describe('incident lifecycles delivered in any order', () => {
  // A lifecycle: opened at 100, then alternately resolved and reopened at
  // strictly increasing times. Each step is one delivery, as PagerDuty sends
  // it: the open state carries reopenedAt once it was reopened.
  const lifecycleArbitrary = fc
    .uniqueArray(fc.integer({ min: 101, max: 10_000 }), {
      minLength: 0,
      maxLength: 6,
    })
    .map(times => [...times].sort((a, b) => a - b));

  function deliveries(times: number[]): IncidentEvidence[] {
    const states: IncidentEvidence[] = [incident({ status: 'open' })];
    times.forEach((at, index) => {
      states.push(
        index % 2 === 0
          ? incident({ status: 'resolved', resolvedAt: at })
          : incident({ status: 'open', reopenedAt: at }),
      );
    });
    return states;
  }

  it('ends in the state of the latest event, whatever the delivery order', () => {
    fc.assert(
      fc.property(
        lifecycleArbitrary.chain(times =>
          fc.tuple(
            fc.constant(times),
            fc.shuffledSubarray(deliveries(times), {
              minLength: times.length + 1,
            }),
          ),
        ),
        fc.nat(),
        ([times, shuffled], duplicateIndex) => {
          // A re-delivery of any one of them, anywhere, changes nothing.
          const withDuplicate = [
            ...shuffled,
            shuffled[duplicateIndex % shuffled.length],
          ];
          const merged = withDuplicate.reduce(mergeIncident);
          const latest = deliveries(times)[times.length];
          expect(merged.status).toBe(latest.status);
          expect(merged.resolvedAt).toBe(latest.resolvedAt);
          const lastReopen = times.filter((_, i) => i % 2 === 1).pop();
          expect(merged.reopenedAt).toBe(lastReopen);
          expect(merged.openedAt).toBe(100);
        },
      ),
    );
  });

  it('reopens on an explicit reopen after the resolution', () => {
    const resolved = mergeIncident(
      incident({ status: 'open' }),
      incident({ status: 'resolved', resolvedAt: 200 }),
    );
    expect(
      mergeIncident(resolved, incident({ status: 'open', reopenedAt: 300 })),
    ).toMatchObject({ status: 'open', resolvedAt: undefined, reopenedAt: 300 });
    // A reopening that claims a time before the resolution is a late delivery.
    expect(
      mergeIncident(resolved, incident({ status: 'open', reopenedAt: 150 })),
    ).toMatchObject({ status: 'resolved', resolvedAt: 200 });
  });
});

describe('gate verdicts', () => {
  const reportArbitrary: fc.Arbitrary<GateEvidence> = fc.record(
    {
      gate: fc.constantFrom('unit-tests', 'load-test'),
      source: fc.constantFrom('junit', 'cobertura', 'api', 'k6'),
      status: fc.constantFrom('passed', 'failed', 'skipped'),
      metrics: fc.option(
        fc.record({ coverage: fc.double({ min: 0, max: 1, noNaN: true }) }),
        { nil: undefined },
      ),
      reportedAt: fc.integer({ min: 1, max: 50 }),
    },
    { requiredKeys: ['gate', 'source', 'reportedAt'] },
  );

  it('never passes a gate that no report gave a verdict', () => {
    fc.assert(
      fc.property(fc.array(reportArbitrary, { maxLength: 12 }), reports => {
        const { gates, reports: kept } = applyGateReports({}, reports);
        for (const gate of gates) {
          const verdicts = Object.values(kept[gate.gate]).flatMap(report =>
            report.status ? [report.status] : [],
          );
          // The gate's status is one of the verdicts, or no-verdict without any.
          expect(verdicts.length > 0 ? verdicts : ['no-verdict']).toContain(
            gate.status,
          );
        }
      }),
    );
  });

  it('gives the same gates whatever order the reports arrive in', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(reportArbitrary, {
            maxLength: 10,
            // One report per source, gate and time: two different reports
            // of one source at the same instant have no order to respect.
            selector: r => `${r.gate}/${r.source}/${r.reportedAt}`,
          })
          .chain(reports =>
            fc.tuple(
              fc.constant(reports),
              fc.shuffledSubarray(reports, { minLength: reports.length }),
            ),
          ),
        ([inOrder, shuffled]) => {
          const oneByOne = (list: GateEvidence[]) =>
            list.reduce(
              (state, report) => applyGateReports(state.reports, [report]),
              applyGateReports({}, []),
            ).gates;
          expect(oneByOne(shuffled)).toEqual(oneByOne(inOrder));
        },
      ),
    );
  });
});
