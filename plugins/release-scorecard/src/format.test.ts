import { DateTime } from 'luxon';
import {
  countOf,
  formatDuration,
  formatPercent,
  formatRelativeTime,
  formatRuleActual,
  formatScore,
  formatShortDate,
  shortEntityName,
  shortSha,
} from './format';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [42, '42 s'],
    [2700, '45 min'],
    [14261, '4 h'],
    [86400, '24 h'],
    [201600, '2.3 days'],
    [Number.NaN, '—'],
  ])('reads %p seconds as %p', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('number formats', () => {
  it('formats ratios as percentages and scores out of 100', () => {
    expect(formatPercent(0.846)).toBe('85%');
    expect(formatPercent(0.0429, 1)).toBe('4.3%');
    expect(formatPercent(null)).toBe('—');
    expect(formatScore(90.54)).toBe('90.5 / 100');
    expect(formatScore(null)).toBe('—');
  });
});

describe('dates in running text', () => {
  const now = DateTime.fromISO('2026-11-22T12:00:00Z');

  it('leaves the year out within the current year', () => {
    expect(formatShortDate('2026-11-03T08:00:00Z', now)).toBe('3 Nov');
    expect(formatShortDate('2025-12-24T08:00:00Z', now)).toBe('24 Dec 2025');
    expect(formatShortDate(undefined, now)).toBe('—');
  });

  it('counts in the singular and the plural', () => {
    expect(countOf(1, 'resolved incident')).toBe('1 resolved incident');
    expect(countOf(2, 'resolved incident')).toBe('2 resolved incidents');
    expect(countOf(0, 'commit')).toBe('0 commits');
    expect(countOf(3, 'vulnerability', 'vulnerabilities')).toBe(
      '3 vulnerabilities',
    );
  });
});

describe('formatRelativeTime', () => {
  it('says how long ago a time was', () => {
    const now = DateTime.fromISO('2026-11-22T12:00:00Z');
    expect(formatRelativeTime('2026-11-20T12:00:00Z', now)).toBe('2 days ago');
    expect(formatRelativeTime(undefined, now)).toBe('—');
  });
});

describe('names and values', () => {
  it('shortens shas and entity refs', () => {
    expect(shortSha('a6821b3995f6545b74ad3e0dd862147d6307fe7e')).toBe(
      'a6821b3',
    );
    expect(shortEntityName('component:default/payments-api')).toBe(
      'payments-api',
    );
    expect(shortEntityName('component:billing/ledger')).toBe('billing/ledger');
  });

  it('reads the actual value of a rule in the unit of its fact', () => {
    expect(
      formatRuleActual({ actual: 0.375, facts: ['dora.changeFailureRate'] }),
    ).toEqual(['37.5%']);
    expect(
      formatRuleActual({ actual: 69, facts: ['dora.leadTimeMedianHours'] }),
    ).toEqual(['2.9 days']);
    expect(
      formatRuleActual({
        actual: 1,
        facts: ['gate.static-analysis.reliabilityRating'],
      }),
    ).toEqual(['A']);
    expect(formatRuleActual({ actual: null, facts: ['flags.stale'] })).toEqual([
      '—',
    ]);
  });

  it('names each fact of a rule that combines several', () => {
    expect(
      formatRuleActual({
        actual: { 'deployment.gitops': true, 'deployment.strategy': null },
        facts: ['deployment.gitops', 'deployment.strategy'],
      }),
    ).toEqual(['deployment.gitops: true', 'deployment.strategy: —']);
    // An either/or on one fact shows that fact's value once.
    expect(
      formatRuleActual({
        actual: { 'dora.recoveryTimeMedianHours': 150 },
        facts: ['dora.recoveryTimeMedianHours'],
      }),
    ).toEqual(['6.3 days']);
  });
});
