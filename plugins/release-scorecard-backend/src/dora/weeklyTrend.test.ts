import { deployment, incident } from './__testUtils__/doraRecords';
import {
  computeDoraMetrics,
  computeWeeklyDoraTrend,
  DoraInput,
} from './computeDora';
import { DEFAULT_DORA_OPTIONS } from './doraOptions';

describe('computeWeeklyDoraTrend', () => {
  // (Wed 2024-03-06T12:00Z, Wed 2024-03-20T12:00Z]: parts of the ISO weeks
  // starting Monday 03-04, 03-11 and 03-18
  const input: DoraInput = {
    windowDays: 14,
    to: '2024-03-20T12:00:00Z',
    deployments: [
      // exactly at `from`: outside the window
      deployment({ id: 'd1', finishedAt: '2024-03-06T12:00:00Z' }),
      // week 03-04; lead time 1 h = 3600 s
      deployment({
        id: 'd2',
        finishedAt: '2024-03-07T00:00:00Z',
        commits: [{ sha: 'a', committedAt: '2024-03-06T23:00:00Z' }],
      }),
      // Monday 00:00 belongs to the week it starts: 03-11
      deployment({
        id: 'd3',
        status: 'failed',
        finishedAt: '2024-03-11T00:00:00Z',
      }),
      // week 03-11; lead times 2 h = 7200 s and 4 h = 14400 s
      deployment({
        id: 'd4',
        finishedAt: '2024-03-12T10:00:00Z',
        commits: [
          { sha: 'b', committedAt: '2024-03-12T08:00:00Z' },
          { sha: 'c', committedAt: '2024-03-12T06:00:00Z' },
        ],
      }),
      // Sunday night, week 03-11
      deployment({ id: 'd5', finishedAt: '2024-03-17T23:00:00Z' }),
      // exactly at `to`: inside, week 03-18
      deployment({ id: 'd6', finishedAt: '2024-03-20T12:00:00Z' }),
    ],
    incidents: [
      // 2 h after d4: attributed to it; resolved in 1 h = 3600 s
      incident({
        id: 'i1',
        openedAt: '2024-03-12T12:00:00Z',
        resolvedAt: '2024-03-12T13:00:00Z',
      }),
      // Sunday night, 3 days 23 h after d2: blames nothing; resolved on
      // Monday 2 h later = 7200 s, so it recovers in the week 03-11
      incident({
        id: 'i3',
        openedAt: '2024-03-10T23:00:00Z',
        resolvedAt: '2024-03-11T01:00:00Z',
      }),
      // 2 h after d5, opened in the next week; resolved in 2 h = 7200 s
      incident({
        id: 'i2',
        openedAt: '2024-03-18T01:00:00Z',
        resolvedAt: '2024-03-18T03:00:00Z',
      }),
    ],
  };

  it('buckets every figure into the ISO week it belongs to', () => {
    expect(computeWeeklyDoraTrend(input, DEFAULT_DORA_OPTIONS)).toEqual([
      {
        weekStart: '2024-03-04T00:00:00.000Z',
        deployments: 1, // d2
        failedDeployments: 0,
        leadTimeMedianSeconds: 3600,
        recoveryTimeMedianSeconds: null,
        incidents: 1, // i3
      },
      {
        weekStart: '2024-03-11T00:00:00.000Z',
        deployments: 2, // d4, d5
        // d3 by status, d4 by i1, d5 by i2 although i2 opened the week after
        failedDeployments: 3,
        // (7200 + 14400) ÷ 2
        leadTimeMedianSeconds: 10800,
        // i1 3600 s, i3 7200 s: (3600 + 7200) ÷ 2
        recoveryTimeMedianSeconds: 5400,
        incidents: 1, // i1
      },
      {
        weekStart: '2024-03-18T00:00:00.000Z',
        deployments: 1, // d6
        failedDeployments: 0,
        leadTimeMedianSeconds: null,
        recoveryTimeMedianSeconds: 7200, // i2
        incidents: 1, // i2
      },
    ]);
  });

  it('adds up to the figures of the whole window', () => {
    const weeks = computeWeeklyDoraTrend(input, DEFAULT_DORA_OPTIONS);
    const whole = computeDoraMetrics(input, DEFAULT_DORA_OPTIONS);
    const sum = (pick: (week: (typeof weeks)[number]) => number) =>
      weeks.reduce((total, week) => total + pick(week), 0);
    expect(sum(w => w.deployments)).toBe(whole.deploymentFrequency.deployments);
    expect(sum(w => w.failedDeployments)).toBe(whole.changeFailureRate.failed);
  });

  it('covers a default 90-day window with 14 weeks', () => {
    // (Tue 2024-01-02, Mon 2024-04-01T00:00Z]: from the week of Monday
    // 2024-01-01 to the week of Monday 2024-04-01, 13 weeks later
    const weeks = computeWeeklyDoraTrend(
      { deployments: [], incidents: [], to: '2024-04-01T00:00:00Z' },
      DEFAULT_DORA_OPTIONS,
    );
    expect(weeks).toHaveLength(14);
    expect(weeks[0].weekStart).toBe('2024-01-01T00:00:00.000Z');
    expect(weeks[1].weekStart).toBe('2024-01-08T00:00:00.000Z');
    expect(weeks[13].weekStart).toBe('2024-04-01T00:00:00.000Z');
    expect(weeks[13]).toEqual({
      weekStart: '2024-04-01T00:00:00.000Z',
      deployments: 0,
      failedDeployments: 0,
      leadTimeMedianSeconds: null,
      recoveryTimeMedianSeconds: null,
      incidents: 0,
    });
  });

  it('starts with the week of the first instant after `from`', () => {
    // (Sun 2024-03-31T23:59:59.999Z, Sun 2024-04-07T23:59:59.999Z]: the
    // window's first instant is Monday 04-01 00:00, so no week 03-25
    const weeks = computeWeeklyDoraTrend(
      {
        deployments: [],
        incidents: [],
        windowDays: 7,
        to: '2024-04-07T23:59:59.999Z',
      },
      DEFAULT_DORA_OPTIONS,
    );
    expect(weeks.map(w => w.weekStart)).toEqual(['2024-04-01T00:00:00.000Z']);
  });

  it('gives `to` on a Monday midnight a week of its own', () => {
    // (Mon 2024-03-25T00:00Z, Mon 2024-04-01T00:00Z]: `from` itself is out,
    // so the first week is the one it starts; `to` opens a second week
    const weeks = computeWeeklyDoraTrend(
      {
        windowDays: 7,
        to: '2024-04-01T00:00:00Z',
        deployments: [
          deployment({ id: 'at-from', finishedAt: '2024-03-25T00:00:00Z' }),
          deployment({ id: 'at-to', finishedAt: '2024-04-01T00:00:00Z' }),
        ],
        incidents: [],
      },
      DEFAULT_DORA_OPTIONS,
    );
    expect(weeks.map(w => [w.weekStart, w.deployments])).toEqual([
      ['2024-03-25T00:00:00.000Z', 0],
      ['2024-04-01T00:00:00.000Z', 1],
    ]);
  });
});
