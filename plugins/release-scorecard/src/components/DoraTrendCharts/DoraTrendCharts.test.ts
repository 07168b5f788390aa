import { durationScaleFor, niceTicks, toWeekPoints } from './DoraTrendCharts';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('durationScaleFor', () => {
  it('draws durations in the unit the tiles read them in', () => {
    // The lead-time tile reads 11 days: the axis is in days, not 1,600 h.
    expect(durationScaleFor(66 * DAY).unit).toBe('days');
    expect(durationScaleFor(2 * DAY).unit).toBe('days');
    expect(durationScaleFor(40 * HOUR).unit).toBe('h');
    expect(durationScaleFor(HOUR).unit).toBe('h');
    expect(durationScaleFor(27 * 60).unit).toBe('min');
  });
});

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 times a power of ten from 0 to past the maximum', () => {
    expect(niceTicks(66)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(11.3)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0.45)).toEqual([0, 0.2, 0.4, 0.6]);
  });

  it('uses whole steps for counts', () => {
    expect(niceTicks(3, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(13, true)).toEqual([0, 5, 10, 15]);
  });

  it('gives an axis to a chart without data', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('toWeekPoints', () => {
  it('keeps weeks without data as gaps, in the scale of the axis', () => {
    const points = toWeekPoints(
      [
        {
          weekStart: '2026-11-02T00:00:00.000Z',
          deployments: 2,
          failedDeployments: 1,
          leadTimeMedianSeconds: 150 * HOUR,
          recoveryTimeMedianSeconds: 150 * HOUR,
          incidents: 1,
        },
        {
          weekStart: '2026-11-09T00:00:00.000Z',
          deployments: 0,
          failedDeployments: 0,
          leadTimeMedianSeconds: null,
          recoveryTimeMedianSeconds: null,
          incidents: 0,
        },
      ],
      {
        leadTime: { seconds: DAY, unit: 'days', words: 'days' },
        recovery: { seconds: HOUR, unit: 'h', words: 'hours' },
      },
    );
    expect(points).toEqual([
      {
        week: '2 Nov',
        deployments: 2,
        failedChanges: 1,
        leadTime: 6.25,
        leadTimeSeconds: 150 * HOUR,
        recovery: 150,
        recoverySeconds: 150 * HOUR,
        incidents: 1,
      },
      {
        week: '9 Nov',
        deployments: 0,
        failedChanges: 0,
        leadTime: null,
        leadTimeSeconds: null,
        recovery: null,
        recoverySeconds: null,
        incidents: 0,
      },
    ]);
  });
});
