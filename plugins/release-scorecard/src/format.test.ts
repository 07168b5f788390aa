import { DateTime } from 'luxon';
import {
  formatActual,
  formatDuration,
  formatPercent,
  formatPerWeek,
  formatRelativeTime,
  formatScore,
  shortEntityName,
  shortSha,
} from './format';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [42, '42 s'],
    [2700, '45 min'],
    [14261, '4 h'],
    [201600, '2.3 days'],
    [86400, '1 day'],
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

  it('keeps one decimal for low deployment frequencies only', () => {
    expect(formatPerWeek(3.19)).toBe('3.2 / week');
    expect(formatPerWeek(12.21)).toBe('12 / week');
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

  it('lists the facts of a combined rule', () => {
    expect(
      formatActual({ 'deployment.gitops': true, 'deployment.strategy': null }),
    ).toBe('deployment.gitops: true; deployment.strategy: —');
    expect(formatActual(0.84612)).toBe('0.846');
    expect(formatActual(['a', 'b'])).toBe('a, b');
  });
});
