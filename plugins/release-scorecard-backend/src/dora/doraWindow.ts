import { DoraOptions } from './doraOptions';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The window DORA figures are computed over, `(from, to]`, and the parts of
 * the definitions that depend on configuration. Times are epoch ms.
 */
export interface DoraWindow {
  /** Start of the window, exclusive. */
  from: number;
  /** End of the window, inclusive. */
  to: number;
  windowDays: number;
  /** Environment names that count as production, in lower case. */
  productionEnvironments: string[];
  /** How long before an incident a deployment may have caused it. */
  attributionWindowMs: number;
}

/** The window of `windowDays` that ends at `to`. */
export function doraWindowEndingAt(
  to: number,
  windowDays: number,
  options: Pick<
    DoraOptions,
    'productionEnvironments' | 'attributionWindowHours'
  >,
): DoraWindow {
  return {
    from: to - windowDays * DAY_MS,
    to,
    windowDays,
    productionEnvironments: options.productionEnvironments.map(env =>
      env.toLocaleLowerCase('en-US'),
    ),
    attributionWindowMs: options.attributionWindowHours * HOUR_MS,
  };
}
