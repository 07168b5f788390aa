import {
  normalizeEntityRef,
  RuleExemption,
} from '@internal/plugin-release-scorecard-common';
import { DateTime } from 'luxon';

/**
 * Whether an exemption still holds at `now`. `expires` is a date that is
 * inclusive through the end of that day in UTC; an exemption without one
 * never expires.
 */
export function isExemptionActive(
  exemption: RuleExemption,
  now: Date,
): boolean {
  if (!exemption.expires) {
    return true;
  }
  const lastMoment = DateTime.fromISO(exemption.expires, { zone: 'utc' }).endOf(
    'day',
  );
  // An unparseable date never holds: better to fail the rule than to exempt forever.
  return lastMoment.isValid && now.getTime() <= lastMoment.toMillis();
}

/**
 * The exemption of the entity from the rule that holds at `now`; when several
 * do, the one that lasts longest.
 */
export function findActiveExemption(
  exemptions: RuleExemption[],
  entityRef: string,
  ruleId: string,
  now: Date,
): RuleExemption | undefined {
  const ref = normalizeEntityRef(entityRef);
  const active = exemptions.filter(
    exemption =>
      exemption.rule === ruleId &&
      normalizeEntityRef(exemption.entity) === ref &&
      isExemptionActive(exemption, now),
  );
  // ISO dates sort as strings; no expiry outlasts any date.
  return active.sort((a, b) =>
    (b.expires ?? '9999-12-31').localeCompare(a.expires ?? '9999-12-31'),
  )[0];
}
