/* The compliance filters as a URL query string, so that a view can be shared. */
import {
  READINESS_STATUSES,
  ReadinessStatus,
  RULE_STATUSES,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import { ComplianceFilter } from './api';

export const LIST_FILTERS = [
  'owner',
  'system',
  'kind',
  'type',
  'lifecycle',
] as const;
export type ListFilterName = (typeof LIST_FILTERS)[number];

function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** Reads the compliance filters from a query string, dropping values the API would refuse. */
export function filterFromSearchParams(
  params: URLSearchParams,
): ComplianceFilter {
  const filter: ComplianceFilter = {};
  for (const name of LIST_FILTERS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length > 0) {
      filter[name] = values;
    }
  }
  const rule = params.get('rule');
  if (rule) {
    filter.rule = rule;
  }
  const status = oneOf<RuleStatus>(params.get('status'), RULE_STATUSES);
  if (status) {
    filter.status = status;
  }
  const readiness = oneOf<ReadinessStatus>(
    params.get('readiness'),
    READINESS_STATUSES,
  );
  if (readiness) {
    filter.readiness = readiness;
  }
  return filter;
}

/** The query string of a filter: `?owner=group:default/a&rule=coverage&status=fail`. */
export function filterToSearchParams(
  filter: ComplianceFilter,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of LIST_FILTERS) {
    for (const value of filter[name] ?? []) {
      params.append(name, value);
    }
  }
  for (const name of ['rule', 'status', 'readiness'] as const) {
    const value = filter[name];
    if (value) {
      params.set(name, value);
    }
  }
  return params;
}
