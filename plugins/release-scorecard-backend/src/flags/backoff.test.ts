import {
  BackoffPolicy,
  computeBackoffDelayMs,
  DEFAULT_FLAG_PROVIDER_BACKOFF,
  isProviderDue,
} from './backoff';

const noJitter = () => 0;

describe('computeBackoffDelayMs', () => {
  it('waits nothing before the first failure', () => {
    expect(computeBackoffDelayMs(0)).toBe(0);
  });

  it('doubles from one minute with each failure', () => {
    expect(
      [1, 2, 3, 4, 5].map(failures =>
        computeBackoffDelayMs(
          failures,
          DEFAULT_FLAG_PROVIDER_BACKOFF,
          noJitter,
        ),
      ),
    ).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
  });

  it('stops growing at the cap, even after very many failures', () => {
    const capped = (failures: number) =>
      computeBackoffDelayMs(failures, DEFAULT_FLAG_PROVIDER_BACKOFF, noJitter);
    expect(capped(6)).toBe(1_920_000);
    expect(capped(7)).toBe(3_600_000);
    expect(capped(50)).toBe(3_600_000);
    // 2^4999 is Infinity in floating point.
    expect(capped(5000)).toBe(3_600_000);
  });

  it('takes up to the jitter ratio off the delay, never adding to it', () => {
    const policy: BackoffPolicy = {
      initialDelayMs: 10_000,
      multiplier: 3,
      maxDelayMs: 60_000,
      jitterRatio: 0.5,
    };
    expect(computeBackoffDelayMs(2, policy, () => 0.5)).toBe(22_500);
    expect(computeBackoffDelayMs(2, policy, () => 0.999)).toBe(15_015);
    // At the cap the jitter still only shortens.
    expect(computeBackoffDelayMs(10, policy, () => 0)).toBe(60_000);
    expect(computeBackoffDelayMs(10, policy, () => 0.2)).toBe(54_000);
  });

  it('uses Math.random when no random source is given', () => {
    const delays = Array.from({ length: 50 }, () => computeBackoffDelayMs(1));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(48_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});

describe('isProviderDue', () => {
  const lastFailureAt = new Date('2026-08-21T10:00:00.000Z');
  const after = (ms: number) => new Date(lastFailureAt.getTime() + ms);

  it('is due when the provider has not failed', () => {
    expect(isProviderDue({ consecutiveFailures: 0 }, lastFailureAt)).toBe(true);
    expect(
      isProviderDue({ consecutiveFailures: 0, lastFailureAt }, lastFailureAt),
    ).toBe(true);
  });

  it('waits out the back-off delay of the failure count', () => {
    const state = { consecutiveFailures: 2, lastFailureAt };
    expect(isProviderDue(state, after(119_999))).toBe(false);
    expect(isProviderDue(state, after(120_000))).toBe(true);
  });

  it('applies the jitter drawn when the failure was recorded, consistently', () => {
    const state = { consecutiveFailures: 2, lastFailureAt, jitter: 0.5 };
    // 120 s less 0.5 × 20 %.
    expect(isProviderDue(state, after(107_999))).toBe(false);
    expect(isProviderDue(state, after(108_000))).toBe(true);
    expect(isProviderDue(state, after(108_000))).toBe(true);
  });

  it('follows a custom policy', () => {
    const policy: BackoffPolicy = {
      initialDelayMs: 1_000,
      multiplier: 10,
      maxDelayMs: 50_000,
      jitterRatio: 0,
    };
    const state = { consecutiveFailures: 3, lastFailureAt };
    expect(isProviderDue(state, after(49_999), policy)).toBe(false);
    expect(isProviderDue(state, after(50_000), policy)).toBe(true);
  });
});
