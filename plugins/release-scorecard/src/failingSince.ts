/* Since when a rule fails, in words (docs/scoring.md, "Failing since"). */
import { FailingSince } from '@internal/plugin-release-scorecard-common';
import { DateTime } from 'luxon';
import { formatDateTime, formatShortDate } from './format';

/**
 * `failing since 3 Nov`, or `failing since the first evaluation, 3 Nov` when
 * the rule already failed the first time it was evaluated: it may have
 * failed before anyone looked, so the date is when it was found, not when
 * it started.
 */
export function describeFailingSince(
  since: FailingSince,
  now: DateTime = DateTime.now(),
): string {
  const date = formatShortDate(since.at, now);
  return since.firstEvaluation
    ? `failing since the first evaluation, ${date}`
    : `failing since ${date}`;
}

/** The longer explanation, for a tooltip. */
export function explainFailingSince(since: FailingSince): string {
  const when = formatDateTime(since.at);
  return since.firstEvaluation
    ? `It already failed when the scorecard first evaluated it, ${when}; it may have failed before.`
    : `It has failed at every evaluation since ${when}; before that it had another status.`;
}
