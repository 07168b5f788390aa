import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  CHECKOUT,
  PAYMENTS,
  deployment,
  incident,
} from './__testUtils__/doraRecords';
import {
  computeDoraDetails,
  computeDoraMetrics,
  DoraDeployment,
  DoraIncident,
} from './computeDora';
import { DEFAULT_DORA_OPTIONS, readDoraOptions } from './doraOptions';

const HOUR = 3600;
const DAY = 24 * HOUR;

// A 28-day window: (2024-03-04T00:00Z, 2024-04-01T00:00Z]
const TO = '2024-04-01T00:00:00.000Z';
const FROM = '2024-03-04T00:00:00.000Z';

function metrics(
  records: { deployments?: DoraDeployment[]; incidents?: DoraIncident[] },
  options = DEFAULT_DORA_OPTIONS,
) {
  return computeDoraMetrics(
    {
      deployments: records.deployments ?? [],
      incidents: records.incidents ?? [],
      windowDays: 28,
      to: TO,
      entityRef: PAYMENTS,
    },
    options,
  );
}

function details(
  records: { deployments?: DoraDeployment[]; incidents?: DoraIncident[] },
  options = DEFAULT_DORA_OPTIONS,
) {
  return computeDoraDetails(
    {
      deployments: records.deployments ?? [],
      incidents: records.incidents ?? [],
      windowDays: 28,
      to: TO,
    },
    options,
  );
}

describe('computeDoraMetrics', () => {
  describe('window', () => {
    it('excludes the start and includes the end', () => {
      const deployments = [
        deployment({ id: 'at-from', finishedAt: FROM }),
        deployment({
          id: 'after-from',
          finishedAt: '2024-03-04T00:00:00.001Z',
        }),
        deployment({ id: 'at-to', finishedAt: TO }),
        deployment({ id: 'after-to', finishedAt: '2024-04-01T00:00:00.001Z' }),
      ];
      const result = metrics({ deployments });
      expect(result.from).toBe(FROM);
      expect(result.to).toBe(TO);
      expect(result.windowDays).toBe(28);
      // after-from and at-to; 2 ÷ (28 ÷ 7) = 0.5 per week
      expect(result.deploymentFrequency).toEqual({
        deployments: 2,
        perWeek: 0.5,
        tier: 'medium',
      });
      expect(
        details({ deployments }).deployments.map(d => d.deploymentId),
      ).toEqual(['after-from', 'at-to']);
    });

    it('reports an empty window as no data, without any tier', () => {
      expect(metrics({})).toEqual({
        entityRef: PAYMENTS,
        entityCount: 1,
        windowDays: 28,
        from: FROM,
        to: TO,
        profile: '2023',
        deploymentFrequency: { deployments: 0, perWeek: 0, tier: null },
        leadTime: {
          medianSeconds: null,
          p90Seconds: null,
          samples: 0,
          tier: null,
        },
        changeFailureRate: { failed: 0, total: 0, rate: null, tier: null },
        recoveryTime: { medianSeconds: null, samples: 0, tier: null },
        overallTier: null,
      });
    });

    it('defaults the window length from the options and takes a Date', () => {
      const result = computeDoraMetrics(
        { deployments: [], incidents: [], to: new Date(TO) },
        DEFAULT_DORA_OPTIONS,
      );
      // 90 days before 2024-04-01 (2024 is a leap year: 29 days in February)
      expect(result.windowDays).toBe(90);
      expect(result.from).toBe('2024-01-02T00:00:00.000Z');
    });

    it('reads a time without an offset as UTC', () => {
      const result = computeDoraMetrics(
        {
          deployments: [],
          incidents: [],
          windowDays: 1,
          to: '2024-04-01T12:00:00',
        },
        DEFAULT_DORA_OPTIONS,
      );
      expect(result.to).toBe('2024-04-01T12:00:00.000Z');
    });

    it('refuses a window that is not one', () => {
      const input = { deployments: [], incidents: [] };
      expect(() =>
        computeDoraMetrics(
          { ...input, to: TO, windowDays: 0 },
          DEFAULT_DORA_OPTIONS,
        ),
      ).toThrow(InputError);
      expect(() =>
        computeDoraMetrics({ ...input, to: 'yesterday' }, DEFAULT_DORA_OPTIONS),
      ).toThrow(InputError);
      expect(() =>
        computeDoraMetrics(
          { ...input, to: new Date(NaN) },
          DEFAULT_DORA_OPTIONS,
        ),
      ).toThrow(InputError);
    });
  });

  describe('deployment frequency', () => {
    it('counts succeeded production deployments only', () => {
      const deployments = [
        deployment({ id: 'prod', finishedAt: '2024-03-10T10:00:00Z' }),
        // environment names are compared case-insensitively
        deployment({
          id: 'Prod',
          environment: 'Production',
          finishedAt: '2024-03-11T10:00:00Z',
        }),
        deployment({
          id: 'PROD',
          environment: 'PROD',
          finishedAt: '2024-03-12T10:00:00Z',
        }),
        deployment({
          id: 'staging',
          environment: 'staging',
          finishedAt: '2024-03-13T10:00:00Z',
        }),
        deployment({
          id: 'failed',
          status: 'failed',
          finishedAt: '2024-03-14T10:00:00Z',
        }),
        deployment({
          id: 'rolled-back',
          status: 'rolled-back',
          finishedAt: '2024-03-15T10:00:00Z',
        }),
        deployment({ id: 'running', status: 'in-progress' }),
        deployment({
          id: 'running-with-time',
          status: 'in-progress',
          finishedAt: '2024-03-16T10:00:00Z',
        }),
      ];
      // prod, Prod, PROD: 3 ÷ 4 weeks = 0.75 per week
      expect(metrics({ deployments }).deploymentFrequency).toEqual({
        deployments: 3,
        perWeek: 0.75,
        tier: 'medium',
      });
    });

    it('is elite at exactly 7 per week', () => {
      // 28 deployments in 28 days: 28 ÷ 4 = 7 per week
      const deployments = Array.from({ length: 28 }, (_, day) =>
        deployment({
          id: `d${day}`,
          finishedAt: `2024-03-${String(day + 4).padStart(2, '0')}T12:00:00Z`,
        }),
      );
      expect(metrics({ deployments }).deploymentFrequency).toEqual({
        deployments: 28,
        perWeek: 7,
        tier: 'elite',
      });
      // one fewer: 27 ÷ 4 = 6.75
      expect(
        metrics({ deployments: deployments.slice(1) }).deploymentFrequency,
      ).toEqual({ deployments: 27, perWeek: 6.75, tier: 'high' });
    });

    it('is medium at exactly one per 30 days and keeps full precision', () => {
      const ninetyDays = (deployments: DoraDeployment[]) =>
        computeDoraMetrics(
          { deployments, incidents: [], windowDays: 90, to: TO },
          DEFAULT_DORA_OPTIONS,
        ).deploymentFrequency;
      const three = [
        deployment({ id: 'a', finishedAt: '2024-01-15T00:00:00Z' }),
        deployment({ id: 'b', finishedAt: '2024-02-15T00:00:00Z' }),
        deployment({ id: 'c', finishedAt: '2024-03-15T00:00:00Z' }),
      ];
      // 3 ÷ (90 ÷ 7) = 0.2333… per week = 1 per 30 days
      expect(ninetyDays(three)).toEqual({
        deployments: 3,
        perWeek: 21 / 90,
        tier: 'medium',
      });
      // 2 ÷ (90 ÷ 7) = 0.1555… < 0.2333…
      expect(ninetyDays(three.slice(1))).toEqual({
        deployments: 2,
        perWeek: 14 / 90,
        tier: 'low',
      });
    });
  });

  describe('lead time for changes', () => {
    // deploy-a finished 2024-03-20T12:00Z, deploy-b 2024-03-22T12:00Z
    const deployA = deployment({
      id: 'deploy-a',
      finishedAt: '2024-03-20T12:00:00Z',
      commits: [
        { sha: 'c1', committedAt: '2024-03-20T10:00:00Z' }, // 2 h = 7200 s
        { sha: 'c2', committedAt: '2024-03-19T12:00:00Z' }, // 24 h = 86400 s
        { sha: 'c3', committedAt: '2024-03-20T13:00:00Z' }, // −1 h: dropped
      ],
    });
    const deployB = deployment({
      id: 'deploy-b',
      finishedAt: '2024-03-22T12:00:00Z',
      commits: [
        { sha: 'c1', committedAt: '2024-03-20T10:00:00Z' }, // shipped by a
        { sha: 'c3', committedAt: '2024-03-20T13:00:00Z' }, // +47 h, but a had it
        { sha: 'c4', committedAt: '2024-03-22T11:00:00Z' }, // 1 h = 3600 s
      ],
    });
    const failedWithCommit = deployment({
      id: 'deploy-failed',
      status: 'failed',
      finishedAt: '2024-03-21T12:00:00Z',
      commits: [{ sha: 'c5', committedAt: '2024-03-21T11:00:00Z' }],
    });

    it('counts each sha once, at its earliest deployment, and drops negative samples', () => {
      // later deployment first: order of the input must not matter
      const deployments = [deployB, failedWithCommit, deployA];
      // samples 7200 (c1@a), 86400 (c2@a), 3600 (c4@b)
      // sorted 3600, 7200, 86400: median = 7200 (odd);
      // p90 = ceil(0.9 · 3) = 3rd smallest = 86400
      expect(metrics({ deployments }).leadTime).toEqual({
        medianSeconds: 7200,
        p90Seconds: 86400,
        samples: 3,
        tier: 'elite',
      });
      expect(details({ deployments }).leadTimeSamples).toEqual([
        {
          entityRef: PAYMENTS,
          sha: 'c1',
          deploymentId: 'deploy-a',
          committedAt: '2024-03-20T10:00:00.000Z',
          finishedAt: '2024-03-20T12:00:00.000Z',
          seconds: 7200,
        },
        expect.objectContaining({
          sha: 'c2',
          deploymentId: 'deploy-a',
          seconds: 86400,
        }),
        expect.objectContaining({
          sha: 'c4',
          deploymentId: 'deploy-b',
          seconds: 3600,
        }),
      ]);
    });

    it('takes the mean of the two middle samples of an even count', () => {
      const deployments = [
        deployA,
        deployB,
        deployment({
          id: 'deploy-c',
          finishedAt: '2024-03-25T00:00:00Z',
          commits: [{ sha: 'c6', committedAt: '2024-03-24T21:00:00Z' }], // 3 h = 10800 s
        }),
      ];
      // sorted 3600, 7200, 10800, 86400: median = (7200 + 10800) ÷ 2 = 9000;
      // p90 = ceil(0.9 · 4) = 4th smallest = 86400
      expect(metrics({ deployments }).leadTime).toEqual({
        medianSeconds: 9000,
        p90Seconds: 86400,
        samples: 4,
        tier: 'elite',
      });
    });

    it('reaches the high tier at exactly one day', () => {
      const deployments = [
        deployment({
          id: 'd',
          finishedAt: '2024-03-20T12:00:00Z',
          commits: [{ sha: 'c', committedAt: '2024-03-19T12:00:00Z' }], // 86400 s
        }),
      ];
      expect(metrics({ deployments }).leadTime).toEqual({
        medianSeconds: DAY,
        p90Seconds: DAY,
        samples: 1,
        tier: 'high',
      });
    });

    it('counts a sha shipped before the window at its first deployment inside it', () => {
      const deployments = [
        deployment({
          id: 'before-window',
          finishedAt: '2024-03-01T00:00:00Z',
          commits: [{ sha: 'old', committedAt: '2024-02-29T00:00:00Z' }],
        }),
        deployment({
          id: 'redeploy',
          finishedAt: '2024-03-05T00:00:00Z',
          commits: [{ sha: 'old', committedAt: '2024-02-29T00:00:00Z' }], // 5 days
        }),
      ];
      expect(details({ deployments }).leadTimeSamples).toEqual([
        expect.objectContaining({ deploymentId: 'redeploy', seconds: 5 * DAY }),
      ]);
    });

    it('is null without commits', () => {
      const deployments = [
        deployment({ id: 'd', finishedAt: '2024-03-20T12:00:00Z' }),
      ];
      expect(metrics({ deployments }).leadTime).toEqual({
        medianSeconds: null,
        p90Seconds: null,
        samples: 0,
        tier: null,
      });
    });
  });

  describe('change failure rate', () => {
    it('counts failed, rolled-back and incident-attributed deployments once each', () => {
      const deployments = [
        deployment({ id: 'ok', finishedAt: '2024-03-10T10:00:00Z' }),
        deployment({
          id: 'failed',
          status: 'failed',
          finishedAt: '2024-03-11T10:00:00Z',
        }),
        deployment({
          id: 'rolled-back',
          status: 'rolled-back',
          finishedAt: '2024-03-12T10:00:00Z',
        }),
        deployment({ id: 'broke-prod', finishedAt: '2024-03-13T10:00:00Z' }),
        deployment({ id: 'ok-too', finishedAt: '2024-03-14T10:00:00Z' }),
        deployment({ id: 'running', status: 'in-progress' }),
        deployment({
          id: 'staging-failed',
          environment: 'staging',
          status: 'failed',
          finishedAt: '2024-03-15T10:00:00Z',
        }),
      ];
      const incidents = [
        incident({
          id: 'inc-1',
          openedAt: '2024-03-16T00:00:00Z',
          deploymentId: 'broke-prod',
        }),
        incident({
          id: 'inc-2',
          openedAt: '2024-03-16T00:00:00Z',
          deploymentId: 'broke-prod',
        }),
        // names a deployment that already failed: still one failed deployment
        incident({
          id: 'inc-3',
          openedAt: '2024-03-11T11:00:00Z',
          deploymentId: 'failed',
        }),
      ];
      // total: ok, failed, rolled-back, broke-prod, ok-too = 5
      // failed: failed, rolled-back, broke-prod = 3 → 3 ÷ 5 = 0.6
      expect(metrics({ deployments, incidents }).changeFailureRate).toEqual({
        failed: 3,
        total: 5,
        rate: 0.6,
        tier: 'low',
      });
      const result = details({ deployments, incidents });
      expect(result.changeCount).toBe(5);
      expect(result.changeFailures).toEqual([
        {
          deploymentId: 'failed',
          entityRef: PAYMENTS,
          finishedAt: '2024-03-11T10:00:00.000Z',
          status: 'failed',
          failedByStatus: true,
          incidents: [{ incidentId: 'inc-3', attributedBy: 'deploymentId' }],
        },
        {
          deploymentId: 'rolled-back',
          entityRef: PAYMENTS,
          finishedAt: '2024-03-12T10:00:00.000Z',
          status: 'rolled-back',
          failedByStatus: true,
          incidents: [],
        },
        {
          deploymentId: 'broke-prod',
          entityRef: PAYMENTS,
          finishedAt: '2024-03-13T10:00:00.000Z',
          status: 'succeeded',
          failedByStatus: false,
          incidents: [
            { incidentId: 'inc-1', attributedBy: 'deploymentId' },
            { incidentId: 'inc-2', attributedBy: 'deploymentId' },
          ],
        },
      ]);
    });

    it('is elite at exactly 5 %', () => {
      // 20 deployments, one failed: 1 ÷ 20 = 0.05
      const deployments = Array.from({ length: 20 }, (_, i) =>
        deployment({
          id: `d${i}`,
          status: i === 0 ? 'failed' : 'succeeded',
          finishedAt: `2024-03-${String(i + 5).padStart(2, '0')}T00:00:00Z`,
        }),
      );
      expect(metrics({ deployments }).changeFailureRate).toEqual({
        failed: 1,
        total: 20,
        rate: 0.05,
        tier: 'elite',
      });
      // a second failure: 2 ÷ 20 = 0.1
      deployments[1] = { ...deployments[1], status: 'rolled-back' };
      expect(metrics({ deployments }).changeFailureRate).toEqual({
        failed: 2,
        total: 20,
        rate: 0.1,
        tier: 'high',
      });
    });
  });

  describe('incident attribution', () => {
    // finished 2024-03-20T12:00Z; the attribution window ends 2024-03-21T12:00Z
    const deployed = deployment({
      id: 'deployed',
      finishedAt: '2024-03-20T12:00:00Z',
    });
    const failedCount = (incidents: DoraIncident[], deployments = [deployed]) =>
      metrics({ deployments, incidents }).changeFailureRate.failed;

    it('attributes an incident opened exactly 24 h after the deployment', () => {
      const incidents = [
        incident({ id: 'i', openedAt: '2024-03-21T12:00:00.000Z' }),
      ];
      expect(failedCount(incidents)).toBe(1);
      expect(
        details({ deployments: [deployed], incidents }).changeFailures,
      ).toEqual([
        expect.objectContaining({
          deploymentId: 'deployed',
          failedByStatus: false,
          incidents: [{ incidentId: 'i', attributedBy: 'timeWindow' }],
        }),
      ]);
    });

    it('does not attribute an incident opened 24 h + 1 ms after', () => {
      expect(
        failedCount([
          incident({ id: 'i', openedAt: '2024-03-21T12:00:00.001Z' }),
        ]),
      ).toBe(0);
    });

    it('attributes an incident opened at the very time the deployment finished', () => {
      expect(
        failedCount([
          incident({ id: 'i', openedAt: '2024-03-20T12:00:00.000Z' }),
        ]),
      ).toBe(1);
    });

    it('does not attribute an incident opened before the deployment finished', () => {
      expect(
        failedCount([
          incident({ id: 'i', openedAt: '2024-03-20T11:59:59.999Z' }),
        ]),
      ).toBe(0);
    });

    it('blames only the latest succeeded deployment before the incident', () => {
      const deployments = [
        deployment({ id: 'earlier', finishedAt: '2024-03-20T00:00:00Z' }),
        deployment({ id: 'latest', finishedAt: '2024-03-20T06:00:00Z' }),
        // later still, but failed: not a candidate for attribution
        deployment({
          id: 'failed',
          status: 'failed',
          finishedAt: '2024-03-20T07:00:00Z',
        }),
        // after the incident opened
        deployment({ id: 'after', finishedAt: '2024-03-20T09:00:00Z' }),
      ];
      const incidents = [
        incident({ id: 'i', openedAt: '2024-03-20T08:00:00Z' }),
      ];
      // total 4; failed: latest (incident) and failed (status) = 2 → 0.5
      expect(metrics({ deployments, incidents }).changeFailureRate).toEqual({
        failed: 2,
        total: 4,
        rate: 0.5,
        tier: 'low',
      });
      expect(
        details({ deployments, incidents }).changeFailures.map(f => [
          f.deploymentId,
          f.incidents.map(i => i.incidentId),
        ]),
      ).toEqual([
        ['latest', ['i']],
        ['failed', []],
      ]);
    });

    it('follows deploymentId even past the attribution window, and never falls back', () => {
      const deployments = [
        deployment({ id: 'old', finishedAt: '2024-03-10T00:00:00Z' }),
        deployment({ id: 'recent', finishedAt: '2024-03-20T11:00:00Z' }),
        deployment({
          id: 'staging',
          environment: 'staging',
          finishedAt: '2024-03-20T11:30:00Z',
        }),
      ];
      const incidents = [
        // 10 days after 'old', which it names
        incident({
          id: 'names-old',
          openedAt: '2024-03-20T00:00:00Z',
          deploymentId: 'old',
        }),
        // names a staging deployment: blames nothing, not 'recent' (1 h before)
        incident({
          id: 'names-staging',
          openedAt: '2024-03-20T12:00:00Z',
          deploymentId: 'staging',
        }),
        // names a deployment nobody knows: blames nothing
        incident({
          id: 'names-unknown',
          openedAt: '2024-03-20T12:00:00Z',
          deploymentId: 'nope',
        }),
      ];
      expect(
        details({ deployments, incidents }).changeFailures.map(
          f => f.deploymentId,
        ),
      ).toEqual(['old']);
    });

    it('lets a deployment before the window absorb an incident', () => {
      // 'before' finished 1 h before the window, 'inside' 2 h into it;
      // the incident opened 1 h into the window, after 'before' only
      const deployments = [
        deployment({ id: 'before', finishedAt: '2024-03-03T23:00:00Z' }),
        deployment({ id: 'inside', finishedAt: '2024-03-04T02:00:00Z' }),
      ];
      const incidents = [
        incident({ id: 'i', openedAt: '2024-03-04T01:00:00Z' }),
      ];
      expect(metrics({ deployments, incidents }).changeFailureRate).toEqual({
        failed: 0,
        total: 1,
        rate: 0,
        tier: 'elite',
      });
    });

    it('ignores incidents opened after the end of the window', () => {
      const deployments = [
        deployment({ id: 'last', finishedAt: '2024-03-31T23:00:00Z' }),
      ];
      const incidents = [
        incident({
          id: 'named',
          openedAt: '2024-04-01T00:00:00.001Z',
          deploymentId: 'last',
        }),
        incident({ id: 'timed', openedAt: '2024-04-01T00:00:00.001Z' }),
      ];
      expect(failedCount(incidents, deployments)).toBe(0);
      // opened exactly at `to`: inside
      expect(
        failedCount([incident({ id: 'at-to', openedAt: TO })], deployments),
      ).toBe(1);
    });

    it('uses the configured attribution window', () => {
      const options = readDoraOptions(
        new ConfigReader({
          releaseScorecard: { dora: { attributionWindowHours: 48 } },
        }),
      );
      // 30 h after the deployment: out of 24 h, within 48 h
      const incidents = [
        incident({ id: 'i', openedAt: '2024-03-21T18:00:00Z' }),
      ];
      expect(
        metrics({ deployments: [deployed], incidents }).changeFailureRate
          .failed,
      ).toBe(0);
      expect(
        metrics({ deployments: [deployed], incidents }, options)
          .changeFailureRate.failed,
      ).toBe(1);
    });
  });

  describe('recovery time', () => {
    it('takes the median over incidents resolved in the window', () => {
      const incidents = [
        // 30 min = 1800 s
        incident({
          id: 'quick',
          openedAt: '2024-03-10T10:00:00Z',
          resolvedAt: '2024-03-10T10:30:00Z',
        }),
        // 2 h = 7200 s
        incident({
          id: 'slow',
          openedAt: '2024-03-11T00:00:00Z',
          resolvedAt: '2024-03-11T02:00:00Z',
        }),
        // opened before the window, resolved in it: 25 h = 90000 s
        incident({
          id: 'long',
          openedAt: '2024-03-03T00:00:00Z',
          resolvedAt: '2024-03-04T01:00:00Z',
        }),
        // resolved exactly at `from`: out
        incident({
          id: 'at-from',
          openedAt: '2024-03-03T00:00:00Z',
          resolvedAt: FROM,
        }),
        // resolved after `to`: out
        incident({
          id: 'after-to',
          openedAt: '2024-03-31T00:00:00Z',
          resolvedAt: '2024-04-01T00:00:00.001Z',
        }),
        // still open: out
        incident({ id: 'open', openedAt: '2024-03-12T00:00:00Z' }),
        // resolved before it opened: inconsistent, dropped
        incident({
          id: 'skewed',
          openedAt: '2024-03-12T00:00:00Z',
          resolvedAt: '2024-03-11T23:00:00Z',
        }),
      ];
      // sorted 1800, 7200, 90000 → median 7200: not < 1 h, < 1 day → high
      expect(metrics({ incidents }).recoveryTime).toEqual({
        medianSeconds: 7200,
        samples: 3,
        tier: 'high',
      });
      expect(details({ incidents }).recoverySamples).toEqual([
        {
          incidentId: 'long',
          entityRef: PAYMENTS,
          openedAt: '2024-03-03T00:00:00.000Z',
          resolvedAt: '2024-03-04T01:00:00.000Z',
          seconds: 90000,
        },
        expect.objectContaining({ incidentId: 'quick', seconds: 1800 }),
        expect.objectContaining({ incidentId: 'slow', seconds: 7200 }),
      ]);
    });

    it('is not elite at exactly one hour', () => {
      const incidents = [
        incident({
          id: 'i',
          openedAt: '2024-03-10T10:00:00Z',
          resolvedAt: '2024-03-10T11:00:00Z',
        }),
      ];
      expect(metrics({ incidents }).recoveryTime).toEqual({
        medianSeconds: HOUR,
        samples: 1,
        tier: 'high',
      });
    });

    it('counts incidents of an entity without any deployment', () => {
      const incidents = [
        // 20 min = 1200 s and 40 min = 2400 s → median (1200 + 2400) ÷ 2 = 1800
        incident({
          id: 'a',
          openedAt: '2024-03-10T10:00:00Z',
          resolvedAt: '2024-03-10T10:20:00Z',
        }),
        incident({
          id: 'b',
          openedAt: '2024-03-12T10:00:00Z',
          resolvedAt: '2024-03-12T10:40:00Z',
        }),
      ];
      const result = metrics({ incidents });
      expect(result.recoveryTime).toEqual({
        medianSeconds: 1800,
        samples: 2,
        tier: 'elite',
      });
      expect(result.changeFailureRate).toEqual({
        failed: 0,
        total: 0,
        rate: null,
        tier: null,
      });
      // elite recovery, but without deployments there is no overall tier
      expect(result.deploymentFrequency.tier).toBeNull();
      expect(result.overallTier).toBeNull();
    });
  });

  describe('tiers', () => {
    it('reports the worst metric as the overall tier', () => {
      // 7 succeeded deployments in 7 days: elite; lead time 2 h: elite;
      // one of 8 rolled back: medium; no incident resolved in the week: null
      const deployments = Array.from({ length: 7 }, (_, i) =>
        deployment({
          id: `d${i}`,
          status: i === 3 ? 'rolled-back' : 'succeeded',
          finishedAt: `2024-03-${25 + i}T12:00:00Z`,
        }),
      );
      deployments[6].commits = [
        { sha: 's', committedAt: '2024-03-31T10:00:00Z' },
      ];
      deployments.push(
        deployment({ id: 'd7', finishedAt: '2024-03-31T18:00:00Z' }),
      );
      const incidents = [
        incident({
          id: 'i',
          openedAt: '2024-03-05T10:00:00Z',
          resolvedAt: '2024-03-05T10:30:00Z',
        }),
      ];
      const result = computeDoraMetrics(
        { deployments, incidents, windowDays: 7, to: TO, entityRef: PAYMENTS },
        DEFAULT_DORA_OPTIONS,
      );
      // succeeded: d0–d2, d4–d7 = 7 in 1 week
      expect(result.deploymentFrequency.tier).toBe('elite');
      expect(result.leadTime.tier).toBe('elite');
      // 1 ÷ 8 = 0.125 → medium
      expect(result.changeFailureRate).toEqual({
        failed: 1,
        total: 8,
        rate: 0.125,
        tier: 'medium',
      });
      // the incident resolved before this 7-day window
      expect(result.recoveryTime.tier).toBeNull();
      expect(result.overallTier).toBe('medium');
    });

    it('uses thresholds and profile from the configuration', () => {
      const options = readDoraOptions(
        new ConfigReader({
          releaseScorecard: {
            productionEnvironments: ['live'],
            dora: {
              tiers: {
                profile: 'strict',
                recoveryTime: {
                  eliteHours: 0.5,
                  highHours: 4,
                  mediumHours: 24,
                },
              },
            },
          },
        }),
      );
      const deployments = [
        deployment({
          id: 'live',
          environment: 'LIVE',
          finishedAt: '2024-03-10T00:00:00Z',
        }),
        deployment({ id: 'production', finishedAt: '2024-03-11T00:00:00Z' }),
      ];
      // 45 min = 2700 s: elite by default (< 1 h), high when elite is < 30 min
      const incidents = [
        incident({
          id: 'i',
          openedAt: '2024-03-20T10:00:00Z',
          resolvedAt: '2024-03-20T10:45:00Z',
        }),
      ];
      expect(metrics({ deployments, incidents }).recoveryTime.tier).toBe(
        'elite',
      );
      const result = metrics({ deployments, incidents }, options);
      expect(result.profile).toBe('strict');
      expect(result.recoveryTime).toEqual({
        medianSeconds: 2700,
        samples: 1,
        tier: 'high',
      });
      // only 'live' is production now: 1 ÷ 4 weeks
      expect(result.deploymentFrequency.deployments).toBe(1);
      expect(result.deploymentFrequency.perWeek).toBe(0.25);
    });
  });

  describe("an owner's roll-up", () => {
    const deployments = [
      deployment({
        id: 'pay-1',
        entityRef: PAYMENTS,
        finishedAt: '2024-03-20T00:00:00Z',
        commits: [{ sha: 'abc', committedAt: '2024-03-19T00:00:00Z' }], // 24 h = 86400 s
      }),
      deployment({
        id: 'chk-1',
        entityRef: CHECKOUT,
        finishedAt: '2024-03-20T06:00:00Z',
        // the same sha in another service is another change: 30 h = 108000 s
        commits: [{ sha: 'abc', committedAt: '2024-03-19T00:00:00Z' }],
      }),
    ];
    const incidents = [
      // opened 2 h after checkout's deployment, 8 h after payments':
      // it is a payments incident, so it blames pay-1; resolved in 1 h
      incident({
        id: 'pay-inc',
        entityRef: PAYMENTS,
        openedAt: '2024-03-20T08:00:00Z',
        resolvedAt: '2024-03-20T09:00:00Z',
      }),
      // 5 days after chk-1: blames nothing; resolved in 3 h = 10800 s
      incident({
        id: 'chk-inc',
        entityRef: CHECKOUT,
        openedAt: '2024-03-25T00:00:00Z',
        resolvedAt: '2024-03-25T03:00:00Z',
      }),
    ];

    it('attributes and de-duplicates within each entity, and pools the samples', () => {
      const result = computeDoraMetrics(
        {
          deployments,
          incidents,
          windowDays: 28,
          to: TO,
          ownerRef: 'group:default/team-a',
          entityCount: 5,
        },
        DEFAULT_DORA_OPTIONS,
      );
      expect(result).toEqual({
        ownerRef: 'group:default/team-a',
        entityCount: 5,
        windowDays: 28,
        from: FROM,
        to: TO,
        profile: '2023',
        // 2 ÷ 4 weeks
        deploymentFrequency: { deployments: 2, perWeek: 0.5, tier: 'medium' },
        // 86400 and 108000: median (86400 + 108000) ÷ 2 = 97200 (> 1 day: high);
        // p90 = ceil(1.8) = 2nd = 108000
        leadTime: {
          medianSeconds: 97200,
          p90Seconds: 108000,
          samples: 2,
          tier: 'high',
        },
        // pay-1 failed (pay-inc), chk-1 did not: 1 ÷ 2
        changeFailureRate: { failed: 1, total: 2, rate: 0.5, tier: 'low' },
        // 3600 and 10800: median 7200 → high
        recoveryTime: { medianSeconds: 7200, samples: 2, tier: 'high' },
        overallTier: 'low',
      });
      const drillDown = computeDoraDetails(
        { deployments, incidents, windowDays: 28, to: TO },
        DEFAULT_DORA_OPTIONS,
      );
      expect(drillDown.changeFailures).toEqual([
        expect.objectContaining({
          deploymentId: 'pay-1',
          entityRef: PAYMENTS,
          incidents: [{ incidentId: 'pay-inc', attributedBy: 'timeWindow' }],
        }),
      ]);
    });

    it('counts the entities that have records when not told how many', () => {
      const result = computeDoraMetrics(
        {
          deployments,
          incidents,
          windowDays: 28,
          to: TO,
          ownerRef: 'group:default/team-a',
        },
        DEFAULT_DORA_OPTIONS,
      );
      expect(result.entityCount).toBe(2);
      expect(result.entityRef).toBeUndefined();
    });

    it('matches deploymentId within the incident’s own entity', () => {
      // deployment ids are only unique per source, not across entities
      const sameIds = [
        deployment({
          id: '42',
          entityRef: PAYMENTS,
          finishedAt: '2024-03-10T00:00:00Z',
        }),
        deployment({
          id: '42',
          entityRef: CHECKOUT,
          finishedAt: '2024-03-11T00:00:00Z',
        }),
        deployment({
          id: '43',
          entityRef: PAYMENTS,
          finishedAt: '2024-03-12T00:00:00Z',
        }),
        deployment({
          id: '43',
          entityRef: CHECKOUT,
          finishedAt: '2024-03-13T00:00:00Z',
        }),
      ];
      const named = [
        incident({
          id: 'i',
          entityRef: CHECKOUT,
          openedAt: '2024-03-15T00:00:00Z',
          deploymentId: '42',
        }),
        incident({
          id: 'j',
          entityRef: PAYMENTS,
          openedAt: '2024-03-15T00:00:00Z',
          deploymentId: '43',
        }),
      ];
      expect(
        details({ deployments: sameIds, incidents: named }).changeFailures.map(
          f => [f.entityRef, f.deploymentId],
        ),
      ).toEqual([
        [CHECKOUT, '42'],
        [PAYMENTS, '43'],
      ]);
    });
  });
});
