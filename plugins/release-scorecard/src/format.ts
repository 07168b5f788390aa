/* How numbers, durations and times read in the UI. */
import { DateTime } from 'luxon';
import { FactValue } from '@internal/plugin-release-scorecard-common';

/** Shown where a value is unknown. */
export const NO_VALUE = '—';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function round(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/** `45 s`, `12 min`, `3.5 h`, `2.1 days`; a dash when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return NO_VALUE;
  }
  if (seconds < MINUTE) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < HOUR) {
    return `${Math.round(seconds / MINUTE)} min`;
  }
  if (seconds < DAY) {
    return `${round(seconds / HOUR, 1)} h`;
  }
  const days = seconds / DAY;
  return `${round(days, 1)} ${days === 1 ? 'day' : 'days'}`;
}

/** A ratio 0..1 as `86%`; a dash when unknown. */
export function formatPercent(
  ratio: number | null | undefined,
  digits = 0,
): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return NO_VALUE;
  }
  return `${round(ratio * 100, digits)}%`;
}

/** A 0..100 figure (score, compliance) as `94.7%`. */
export function formatPercentFigure(value: number | null | undefined): string {
  return value === null || value === undefined
    ? NO_VALUE
    : formatPercent(value / 100, 1);
}

export function formatPerWeek(perWeek: number): string {
  return `${round(perWeek, perWeek < 10 ? 1 : 0)} / week`;
}

/** `3 hours ago`, relative to `now`. */
export function formatRelativeTime(
  iso: string | null | undefined,
  now: DateTime = DateTime.now(),
): string {
  if (!iso) {
    return NO_VALUE;
  }
  const time = DateTime.fromISO(iso);
  if (!time.isValid) {
    return NO_VALUE;
  }
  return time.toRelative({ base: now }) ?? NO_VALUE;
}

/** `22 Nov 2026, 05:02` in the reader's locale and zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) {
    return NO_VALUE;
  }
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATETIME_MED) : NO_VALUE;
}

/** `22 Nov 2026`. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return NO_VALUE;
  }
  const time = DateTime.fromISO(iso);
  return time.isValid ? time.toLocaleString(DateTime.DATE_MED) : NO_VALUE;
}

/** The first 7 characters of a commit sha, as git shows it. */
export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : NO_VALUE;
}

/** A fact value as it reads in a sentence: lists joined, null as a dash. */
export function formatFactValue(value: FactValue | undefined): string {
  if (value === null || value === undefined) {
    return NO_VALUE;
  }
  if (Array.isArray(value)) {
    return value.length > 0 ? value.join(', ') : '(none)';
  }
  if (typeof value === 'number') {
    return round(value, 3);
  }
  return String(value);
}

/** The actual value(s) of a rule: one value, or `fact: value` per fact. */
export function formatActual(
  actual: FactValue | Record<string, FactValue>,
): string {
  if (actual !== null && typeof actual === 'object' && !Array.isArray(actual)) {
    const entries = Object.entries(actual);
    return entries.length > 0
      ? entries
          .map(([fact, value]) => `${fact}: ${formatFactValue(value)}`)
          .join('; ')
      : NO_VALUE;
  }
  return formatFactValue(actual);
}

/** `payments-api` from `component:default/payments-api`; namespace kept when not default. */
export function shortEntityName(entityRef: string): string {
  const match = /^[^:]+:([^/]+)\/(.+)$/.exec(entityRef);
  if (!match) {
    return entityRef;
  }
  const [, namespace, name] = match;
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

/** `upper-case the first letter`. */
export function capitalize(text: string): string {
  return text ? text[0].toLocaleUpperCase('en-US') + text.slice(1) : text;
}

/** A 0..100 score as `90.5 / 100`. */
export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined
    ? NO_VALUE
    : `${round(score, 1)} / 100`;
}
