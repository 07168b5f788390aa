import { DEFAULT_DORA_TIER_THRESHOLDS } from './doraOptions';
import { summarizeDoraSamples } from './summarizeDoraSamples';

const context = {
  windowDays: 90,
  from: '2024-01-02T00:00:00.000Z',
  to: '2024-04-01T00:00:00.000Z',
  entityRef: 'component:default/payments',
  entityCount: 1,
};

describe('summarizeDoraSamples', () => {
  it('reproduces a worked example of the API', () => {
    const result = summarizeDoraSamples(
      {
        deployments: 41,
        changes: 44,
        failedChanges: 3,
        // median (43200 + 61200) ÷ 2 = 52200 (14.5 h); p90 = ceil(3.6) = 4th
        leadTimeSeconds: [201600, 43200, 3600, 61200],
        // median of 600, 2700, 9000 = 2700 (45 min)
        recoverySeconds: [9000, 600, 2700],
      },
      context,
      DEFAULT_DORA_TIER_THRESHOLDS,
    );
    expect(result).toEqual({
      entityRef: 'component:default/payments',
      entityCount: 1,
      windowDays: 90,
      from: '2024-01-02T00:00:00.000Z',
      to: '2024-04-01T00:00:00.000Z',
      profile: '2023',
      // 41 · 7 ÷ 90 = 3.1888… (the API example shows it rounded to 3.19)
      deploymentFrequency: { deployments: 41, perWeek: 287 / 90, tier: 'high' },
      leadTime: {
        medianSeconds: 52200,
        p90Seconds: 201600,
        samples: 4,
        tier: 'elite',
      },
      // 3 ÷ 44 = 0.068…: above 5 %, at most 10 %
      changeFailureRate: { failed: 3, total: 44, rate: 3 / 44, tier: 'high' },
      recoveryTime: { medianSeconds: 2700, samples: 3, tier: 'elite' },
      overallTier: 'high',
    });
    expect(result.deploymentFrequency.perWeek).toBeCloseTo(3.19, 2);
  });

  it('reports the nearest-rank p90 of lead time', () => {
    // 1 h … 10 h: p90 = ceil(0.9 · 10) = 9th = 9 h = 32400 s (p95 would be
    // the 10th); median (5 h + 6 h) ÷ 2 = 5.5 h = 19800 s
    const hours = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    const result = summarizeDoraSamples(
      {
        deployments: 10,
        changes: 10,
        failedChanges: 0,
        leadTimeSeconds: hours.map(h => h * 3600),
        recoverySeconds: [],
      },
      context,
      DEFAULT_DORA_TIER_THRESHOLDS,
    );
    expect(result.leadTime).toEqual({
      medianSeconds: 19800,
      p90Seconds: 32400,
      samples: 10,
      tier: 'elite',
    });
  });

  it('leaves the entity out of an owner roll-up', () => {
    const result = summarizeDoraSamples(
      {
        deployments: 0,
        changes: 0,
        failedChanges: 0,
        leadTimeSeconds: [],
        recoverySeconds: [],
      },
      {
        ...context,
        entityRef: undefined,
        ownerRef: 'group:default/a',
        entityCount: 7,
      },
      DEFAULT_DORA_TIER_THRESHOLDS,
    );
    expect(result).not.toHaveProperty('entityRef');
    expect(result.ownerRef).toBe('group:default/a');
    expect(result.entityCount).toBe(7);
    // No deployment in the window: no data, no tier.
    expect(result.overallTier).toBeNull();
  });
});
