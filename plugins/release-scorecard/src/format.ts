/*
 * How dates, times, names and counts read in the UI. Fact values (ratios,
 * durations, ratings) read through the common package's formatFact, the one
 * formatter the backend's messages, the CSV and every page use.
 */
import { DateTime } from 'luxon';
import {
  FactValue,
  formatFact,
  formatSeconds,
} from '@internal/plugin-release-scorecard-common';

/** Shown where a value is unknown. */
export const NO_VALUE = '—';

function round(value: number, digits: number): string {
  return Number(value.toFixed(digits)).toString();
}

/**
 * `45 s`, `12 min`, `3.5 h`, `2.9 days` (as the DORA tiles and rule rows
 * read durations); a dash when unknown.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) {
    return NO_VALUE;
  }
  return formatSeconds(seconds);
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

/**
 * `3 Nov`, or `3 Nov 2025` outside the current year, for dates in running
 * text ("failing since 3 Nov").
 */
export function formatShortDate(
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
  return time.toFormat(time.year === now.year ? 'd LLL' : 'd LLL yyyy');
}

/** `1 commit`, `2 commits`, `1 vulnerability`, `3 vulnerabilities`. */
export function countOf(
  count: number,
  singular: string,
  plural = `${singular}s`,
): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** The first 7 characters of a commit sha, as git shows it. */
export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : NO_VALUE;
}

/**
 * The value(s) a rule looked at, each in its fact's unit: one line for a
 * rule on one fact (`84.6%`), one `fact: value` line per fact for a rule that
 * combines several (`deployment.gitops: false`).
 */
export function formatRuleActual(rule: {
  actual: FactValue | Record<string, FactValue>;
  facts: string[];
}): string[] {
  const { actual, facts } = rule;
  if (actual !== null && typeof actual === 'object' && !Array.isArray(actual)) {
    const entries = Object.entries(actual);
    if (entries.length === 0) {
      return [NO_VALUE];
    }
    if (entries.length === 1) {
      const [[fact, value]] = entries;
      return [formatFact(fact, value)];
    }
    return entries.map(
      ([fact, value]) => `${fact}: ${formatFact(fact, value)}`,
    );
  }
  return [formatFact(facts[0] ?? '', actual)];
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
