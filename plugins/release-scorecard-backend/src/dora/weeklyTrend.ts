import { DoraWeek } from '@internal/plugin-release-scorecard-common';
import { DateTime } from 'luxon';
import {
  DoraEvidence,
  isFailedChange,
  isSucceeded,
  leadTimeSeconds,
  recoverySeconds,
} from './doraEvidence';
import { DoraWindow } from './doraWindow';
import { median } from './statistics';

// UTC has no daylight saving, so every ISO week is exactly this long.
const MS_PER_WEEK = 7 * 24 * 3_600_000;

/**
 * The window's DORA figures per ISO week (Monday 00:00 UTC), oldest first,
 * for trend charts, from the same evidence as the headline figures. Each
 * record falls in the week of its finish (deployments, commits), its
 * resolution (recovery time) or its opening (incidents). The first and last
 * weeks are cut by the window: they hold only what is inside it.
 *
 * A deployment is a failed deployment in the week it finished, even when the
 * incident that made it one was opened the week after.
 */
export function weeklyDoraTrend(
  evidence: DoraEvidence,
  window: Pick<DoraWindow, 'from' | 'to'>,
): DoraWeek[] {
  // The window excludes `from`: its first instant is one millisecond later.
  const firstWeekMs = startOfIsoWeek(window.from + 1);
  const weekCount = Math.floor((window.to - firstWeekMs) / MS_PER_WEEK) + 1;
  const weekOf = (ms: number) => Math.floor((ms - firstWeekMs) / MS_PER_WEEK);

  const weeks = Array.from({ length: weekCount }, (_, index) => ({
    weekStartMs: firstWeekMs + index * MS_PER_WEEK,
    deployments: 0,
    failedDeployments: 0,
    leadTimes: [] as number[],
    recoveryTimes: [] as number[],
    incidents: 0,
  }));

  for (const change of evidence.changes) {
    const week = weeks[weekOf(change.finishedAtMs)];
    if (isSucceeded(change)) {
      week.deployments += 1;
    }
    if (isFailedChange(change)) {
      week.failedDeployments += 1;
    }
  }
  for (const sample of evidence.leadTimes) {
    weeks[weekOf(sample.finishedAtMs)].leadTimes.push(leadTimeSeconds(sample));
  }
  for (const sample of evidence.recoveries) {
    weeks[weekOf(sample.resolvedAtMs)].recoveryTimes.push(
      recoverySeconds(sample),
    );
  }
  for (const { openedAtMs } of evidence.openedIncidents) {
    weeks[weekOf(openedAtMs)].incidents += 1;
  }

  return weeks.map(week => ({
    weekStart: new Date(week.weekStartMs).toISOString(),
    deployments: week.deployments,
    failedDeployments: week.failedDeployments,
    leadTimeMedianSeconds: median(week.leadTimes),
    recoveryTimeMedianSeconds: median(week.recoveryTimes),
    incidents: week.incidents,
  }));
}

function startOfIsoWeek(ms: number): number {
  // Luxon's weeks are ISO weeks: they start on Monday.
  return DateTime.fromMillis(ms, { zone: 'utc' }).startOf('week').toMillis();
}
