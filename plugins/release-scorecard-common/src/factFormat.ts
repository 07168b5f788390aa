/*
 * How fact values and rule conditions read, everywhere: the portal's tiles,
 * chips and rule rows, the rules page, the CSV export and the backend's
 * rule messages all use these functions, so that a figure reads the same in
 * every place (37.5%, not 0.375; 2.9 days, not 69; B, not 2).
 */
import { FactValue, RuleCondition, ConditionValue } from './rules';

/** How a number fact is measured, which decides how it reads. */
export type FactUnit =
  | 'ratio'
  | 'hours'
  | 'days'
  | 'perWeek'
  | 'rating'
  | 'milliseconds'
  | 'perSecond'
  | 'count';

const FIXED_FACT_UNITS: Record<string, FactUnit> = {
  'deployment.ageDays': 'days',
  'dora.deploymentsPerWeek': 'perWeek',
  'dora.leadTimeMedianHours': 'hours',
  'dora.changeFailureRate': 'ratio',
  'dora.recoveryTimeMedianHours': 'hours',
  'incidents.open': 'count',
  'incidents.last30d': 'count',
  'flags.active': 'count',
  'flags.stale': 'count',
};

/** Units of gate metrics, by metric name, whatever the gate. */
const GATE_METRIC_UNITS: Record<string, FactUnit> = {
  coverage: 'ratio',
  errorRate: 'ratio',
  reliabilityRating: 'rating',
  maintainabilityRating: 'rating',
  securityRating: 'rating',
  p99LatencyMs: 'milliseconds',
  p95Ms: 'milliseconds',
  p99Ms: 'milliseconds',
  meanMs: 'milliseconds',
  throughputPerSecond: 'perSecond',
  testsTotal: 'count',
  testsFailed: 'count',
  bugs: 'count',
  vulnerabilities: 'count',
  codeSmells: 'count',
  critical: 'count',
  high: 'count',
  medium: 'count',
  low: 'count',
  samples: 'count',
};

/** The unit of a number fact, when it has one. */
export function factUnit(fact: string): FactUnit | undefined {
  const fixed = FIXED_FACT_UNITS[fact];
  if (fixed) {
    return fixed;
  }
  if (/^incidents\.open\.sev\d$/.test(fact)) {
    return 'count';
  }
  const metric = /^gate\.[^.]+\.([^.]+)$/.exec(fact)?.[1];
  return metric ? GATE_METRIC_UNITS[metric] : undefined;
}

const RATING_LETTERS = ['A', 'B', 'C', 'D', 'E'];

/** Up to `digits` decimals, without trailing zeros: 2.50 → `2.5`. */
function round(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** SonarQube's 1..5 rating as its letter (1 is A, the best). */
export function ratingLetter(rating: number): string {
  return RATING_LETTERS[Math.round(rating) - 1] ?? round(rating, 1);
}

const HOUR_SECONDS = 3600;
const DAY_SECONDS = 24 * HOUR_SECONDS;

/** `45 s`, `12 min`, `3.5 h`, `2.9 days` (two days and more read in days). */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < HOUR_SECONDS) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 2 * DAY_SECONDS) {
    return `${round(seconds / HOUR_SECONDS, 1)} h`;
  }
  return `${round(seconds / DAY_SECONDS, 1)} days`;
}

/** A number in its unit: `37.5%`, `2.9 days`, `B`, `812 ms`, `1.5 / week`. */
export function formatNumberInUnit(
  value: number,
  unit: FactUnit | undefined,
): string {
  switch (unit) {
    case 'ratio':
      return `${round(value * 100, 1)}%`;
    case 'hours':
      return formatSeconds(value * HOUR_SECONDS);
    case 'days':
      return value < 1
        ? formatSeconds(value * DAY_SECONDS)
        : `${round(value, 1)} ${value === 1 ? 'day' : 'days'}`;
    case 'perWeek':
      return `${round(value, value < 10 ? 1 : 0)} / week`;
    case 'rating':
      return ratingLetter(value);
    case 'milliseconds':
      return `${round(value, value < 10 ? 1 : 0)} ms`;
    case 'perSecond':
      return `${round(value, 1)} / s`;
    case 'count':
      return String(Math.round(value));
    default:
      return round(value, 3);
  }
}

/** A fact's value as it reads in the portal; `—` without one. */
export function formatFact(fact: string, value: FactValue | undefined): string {
  if (value === null || value === undefined) {
    return '—';
  }
  if (Array.isArray(value)) {
    return value.length > 0 ? value.join(', ') : '(none)';
  }
  if (typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'number') {
    return formatNumberInUnit(value, factUnit(fact));
  }
  return value;
}

function formatExpectedValue(fact: string, value: ConditionValue): string {
  return Array.isArray(value)
    ? listInWords(
        value.map(item => formatFact(fact, item)),
        'or',
      )
    : formatFact(fact, value);
}

/** `a`, `a or b`, `a, b or c`. */
function listInWords(items: string[], conjunction: 'or' | 'and'): string {
  if (items.length <= 1) {
    return items.join('');
  }
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${
    items[items.length - 1]
  }`;
}

/**
 * A comparison on a rating in letters: `lte 2` is `A or B` (lower is better),
 * `gte 3` is `C, D or E`.
 */
function ratingsMeeting(op: string, value: number): string | undefined {
  const letters = RATING_LETTERS.filter((_, index) => {
    const rating = index + 1;
    switch (op) {
      case 'lt':
        return rating < value;
      case 'lte':
        return rating <= value;
      case 'gt':
        return rating > value;
      case 'gte':
        return rating >= value;
      default:
        return false;
    }
  });
  return letters.length > 0 ? listInWords(letters, 'or') : undefined;
}

/**
 * What one fact condition wants, in words and in the fact's unit: `at least
 * 80%`, `at most 2 days`, `A or B`, `canary or blue-green`, `no value`.
 * `isList` for facts that are lists (tags), where eq means "includes".
 */
export function describeWanted(
  condition: { fact: string; op: string; value?: ConditionValue },
  isList = false,
): string {
  const { fact, op, value } = condition;
  if (op === 'exists') {
    return value === false ? 'no value' : 'a value';
  }
  if (value === undefined) {
    return op;
  }
  const shown = formatExpectedValue(fact, value);
  if (factUnit(fact) === 'rating' && typeof value === 'number') {
    const letters = ratingsMeeting(op, value);
    if (letters) {
      return letters;
    }
  }
  switch (op) {
    case 'eq':
      return isList ? `to include ${shown}` : shown;
    case 'ne':
      return isList ? `not to include ${shown}` : `anything but ${shown}`;
    case 'gt':
      return `more than ${shown}`;
    case 'gte':
      return `at least ${shown}`;
    case 'lt':
      return `less than ${shown}`;
    case 'lte':
      return `at most ${shown}`;
    case 'in':
      return isList ? `to include ${shown}` : shown;
    case 'notIn':
      return isList
        ? `to include none of ${shown.replace(/ or /, ', ')}`
        : `none of ${shown.replace(/ or /, ', ')}`;
    default:
      return `${op} ${shown}`;
  }
}

function isFactCondition(
  condition: RuleCondition,
): condition is Extract<RuleCondition, { fact: string }> {
  return 'fact' in condition;
}

/**
 * A rule's condition in words, for `expected` in rule results and the rules
 * page. A single fact condition leaves its fact out (`at least 80%`: the
 * actual value is shown next to it); combinations name each fact
 * (`deployment.gitops is yes and deployment.strategy is canary or
 * blue-green`).
 */
export function describeCondition(
  condition: RuleCondition,
  options: { withFactNames?: boolean } = {},
): string {
  if (isFactCondition(condition)) {
    const wanted = describeWanted(condition);
    if (!options.withFactNames) {
      return wanted;
    }
    if (condition.op === 'exists') {
      return `${condition.fact} has ${wanted}`;
    }
    return `${condition.fact} is ${wanted}`;
  }
  if ('not' in condition) {
    return `not (${describeCondition(condition.not, { withFactNames: true })})`;
  }
  const children = 'all' in condition ? condition.all : condition.any;
  const joiner = 'all' in condition ? ' and ' : ', or ';
  if (children.length === 1) {
    return describeCondition(children[0], options);
  }
  return children
    .map(child => {
      const text = describeCondition(child, { withFactNames: true });
      return isFactCondition(child) || 'not' in child ? text : `(${text})`;
    })
    .join(joiner);
}

/** `flags.stale is 7, deployment.strategy has no data`. */
export function describeFactValues(actual: Record<string, FactValue>): string {
  return Object.entries(actual)
    .map(([fact, value]) =>
      value === null
        ? `${fact} has no data`
        : `${fact} is ${formatFact(fact, value)}`,
    )
    .join(', ');
}
