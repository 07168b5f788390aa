import { describeEachDatabase } from '../__testUtils__/describeEachDatabase';
import { HOUR, PAYMENTS, T0 } from '../__testUtils__/evidenceRecords';
import { DatabasePipelineRunStore } from './DatabasePipelineRunStore';

jest.setTimeout(60_000);

describeEachDatabase('DatabasePipelineRunStore', db => {
  let store: DatabasePipelineRunStore;

  beforeAll(() => {
    store = new DatabasePipelineRunStore(db());
  });

  it('stores runs with gates and lists them newest first', async () => {
    await store.upsertPipelineRuns(
      [
        {
          entityRef: PAYMENTS,
          source: 'api',
          id: 'run-1',
          revision: 'abc',
          version: '1.4.0',
          startedAt: T0,
          finishedAt: T0 + HOUR,
          gates: [
            {
              gate: 'unit-tests',
              source: 'api',
              status: 'passed',
              metrics: { coverage: 0.86 },
              reportedAt: T0 + HOUR,
            },
            {
              gate: 'load-test',
              source: 'api',
              status: 'failed',
              reportedAt: T0 + HOUR,
            },
          ],
        },
      ],
      T0,
    );
    const [run] = (await store.listPipelineRuns(PAYMENTS, { limit: 5 })).items;
    expect(run).toMatchObject({
      id: 'run-1',
      revision: 'abc',
      version: '1.4.0',
      gates: [
        { gate: 'load-test', status: 'failed' },
        {
          gate: 'unit-tests',
          status: 'passed',
          metrics: { coverage: 0.86 },
        },
      ],
    });
  });

  it('combines reports of several tools into one gate: worst status, merged metrics', async () => {
    const base = {
      entityRef: PAYMENTS,
      revision: 'abc',
      startedAt: T0,
    };
    await store.addGateReports(
      [
        {
          ...base,
          source: 'junit',
          gate: {
            gate: 'unit-tests',
            source: 'junit',
            status: 'failed',
            metrics: { testsTotal: 120, testsFailed: 2 },
            reportedAt: T0 + 1,
          },
        },
        {
          ...base,
          source: 'cobertura',
          gate: {
            gate: 'unit-tests',
            source: 'cobertura',
            metrics: { coverage: 0.81 },
            reportedAt: T0 + 2,
          },
        },
      ],
      T0,
    );
    let [run] = (await store.listPipelineRuns(PAYMENTS, { limit: 5 })).items;
    // No run existed: the first report created one named after the revision.
    expect(run.id).toBe('abc');
    expect(run.gates).toEqual([
      {
        gate: 'unit-tests',
        status: 'failed',
        metrics: { testsTotal: 120, testsFailed: 2, coverage: 0.81 },
        url: undefined,
      },
    ]);

    // The test job is fixed and re-reports; an older delivery does not win.
    await store.addGateReports(
      [
        {
          ...base,
          source: 'junit',
          gate: {
            gate: 'unit-tests',
            source: 'junit',
            status: 'passed',
            metrics: { testsTotal: 121, testsFailed: 0 },
            reportedAt: T0 + 10,
          },
        },
        {
          ...base,
          source: 'junit',
          gate: {
            gate: 'unit-tests',
            source: 'junit',
            status: 'failed',
            metrics: { testsTotal: 120, testsFailed: 2 },
            reportedAt: T0 + 1,
          },
        },
      ],
      T0,
    );
    [run] = (await store.listPipelineRuns(PAYMENTS, { limit: 5 })).items;
    expect(run.gates[0]).toMatchObject({
      status: 'passed',
      metrics: { testsTotal: 121, testsFailed: 0, coverage: 0.81 },
    });
  });

  it('attaches a report to the run named by id, else to the latest run of the revision', async () => {
    await store.upsertPipelineRuns(
      [
        {
          entityRef: PAYMENTS,
          source: 'github',
          id: 'run-a',
          revision: 'r1',
          startedAt: T0,
          gates: [],
        },
        {
          entityRef: PAYMENTS,
          source: 'github',
          id: 'run-b',
          revision: 'r1',
          startedAt: T0 + HOUR,
          gates: [],
        },
      ],
      T0,
    );
    await store.addGateReports(
      [
        {
          entityRef: PAYMENTS,
          source: 'sonarqube',
          revision: 'r1',
          startedAt: T0,
          gate: {
            gate: 'static-analysis',
            source: 'sonarqube',
            status: 'passed',
            reportedAt: T0,
          },
        },
        {
          entityRef: PAYMENTS,
          source: 'trivy',
          runId: 'run-a',
          revision: 'r1',
          startedAt: T0,
          gate: {
            gate: 'container-scan',
            source: 'trivy',
            status: 'failed',
            reportedAt: T0,
          },
        },
      ],
      T0,
    );
    const runs = (await store.listPipelineRuns(PAYMENTS, { limit: 5 })).items;
    expect(runs.map(r => [r.id, r.gates.map(g => g.gate)])).toEqual([
      ['run-b', ['static-analysis']],
      ['run-a', ['container-scan']],
    ]);
  });
});
