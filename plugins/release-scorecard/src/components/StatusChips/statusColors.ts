/*
 * Tier and status colours. They are chip backgrounds with white text, chosen
 * to reach a 4.5:1 contrast with white and to read on light and dark themes
 * alike; every chip also carries an icon or a word, never colour alone.
 */
import {
  DoraTier,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';

export const GOOD = '#1b7a3a';
export const BAD = '#c62828';
export const WARNING = '#a35200';
export const NEUTRAL = '#5f6368';

export const TIER_COLORS: Record<DoraTier, string> = {
  elite: GOOD,
  high: '#1565c0',
  medium: WARNING,
  low: BAD,
};

export const RULE_STATUS_COLORS: Record<RuleStatus, string> = {
  pass: GOOD,
  fail: BAD,
  exempt: '#6a3fb5',
  'no-data': NEUTRAL,
  'not-applicable': NEUTRAL,
};
