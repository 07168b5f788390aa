/**
 * Retry policy for a failing flag provider. The scheduler polls providers on
 * their schedule; after a failure the provider is skipped until its back-off
 * delay has passed, while the last good snapshot stays in place.
 */
export interface BackoffPolicy {
  /** Delay after the first failure, in milliseconds. */
  initialDelayMs: number;
  /** Factor by which the delay grows with each further failure. */
  multiplier: number;
  /** Upper bound of the delay, in milliseconds. */
  maxDelayMs: number;
  /**
   * Share of the delay, 0..1, that jitter may take off, so that providers
   * that failed together (e.g. during a network outage) retry apart.
   */
  jitterRatio: number;
}

export const DEFAULT_FLAG_PROVIDER_BACKOFF: Readonly<BackoffPolicy> = {
  initialDelayMs: 60_000,
  multiplier: 2,
  maxDelayMs: 60 * 60_000,
  jitterRatio: 0.2,
};

/**
 * The delay before the next attempt after `consecutiveFailures` failures in a
 * row: `initialDelayMs × multiplier^(failures − 1)`, capped at `maxDelayMs`,
 * then reduced by up to `jitterRatio` of itself. Jitter only shortens the
 * delay, so the cap holds. `random` returns a number in [0, 1), like
 * `Math.random`. No failures means no delay.
 */
export function computeBackoffDelayMs(
  consecutiveFailures: number,
  policy: BackoffPolicy = DEFAULT_FLAG_PROVIDER_BACKOFF,
  random: () => number = Math.random,
): number {
  if (!(consecutiveFailures >= 1)) {
    return 0;
  }
  // min() also absorbs an Infinity after very many failures.
  const delay = Math.min(
    policy.maxDelayMs,
    policy.initialDelayMs * policy.multiplier ** (consecutiveFailures - 1),
  );
  const jitter = Math.min(1, Math.max(0, policy.jitterRatio * random()));
  return Math.round(delay * (1 - jitter));
}

/** What the scheduler remembers about a provider's recent failures. */
export interface ProviderFailureState {
  /** Failures since the last success; 0 when the last attempt succeeded. */
  consecutiveFailures: number;
  /** When the last failure happened. */
  lastFailureAt?: Date;
  /**
   * A number in [0, 1) drawn once when the failure was recorded (e.g. with
   * `Math.random()`), so that every check of the same failure agrees on the
   * delay. Without it the full, unjittered delay applies.
   */
  jitter?: number;
}

/** Whether a provider should be polled now, given its recent failures. */
export function isProviderDue(
  state: ProviderFailureState,
  now: Date,
  policy: BackoffPolicy = DEFAULT_FLAG_PROVIDER_BACKOFF,
): boolean {
  if (state.consecutiveFailures < 1 || !state.lastFailureAt) {
    return true;
  }
  const delay = computeBackoffDelayMs(
    state.consecutiveFailures,
    policy,
    () => state.jitter ?? 0,
  );
  return now.getTime() - state.lastFailureAt.getTime() >= delay;
}
