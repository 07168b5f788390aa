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

/*
 * How the compliance page shows the filtered view, also kept in the URL so
 * that a shared link shows the same columns and period: which matrix
 * columns are hidden (`hide`) and over how many days the changes feed looks
 * back (`days`). They do not change what the API is asked for.
 */

/** The periods the changes feed offers, in days. */
export const CHANGE_PERIODS = [7, 30, 90] as const;
export type ChangePeriod = (typeof CHANGE_PERIODS)[number];

export interface ComplianceView {
  /** Ids of the matrix columns not shown: `owner`, `rule:<rule id>`, … */
  hiddenColumns: string[];
  changeDays: ChangePeriod;
}

export function viewFromSearchParams(params: URLSearchParams): ComplianceView {
  const days = Number(params.get('days'));
  return {
    hiddenColumns: [...new Set(params.getAll('hide').filter(Boolean))],
    changeDays: CHANGE_PERIODS.includes(days as ChangePeriod)
      ? (days as ChangePeriod)
      : 7,
  };
}

/** The query string of a filtered view: the filter's parameters, then the view's. */
export function complianceSearchParams(
  filter: ComplianceFilter,
  view: ComplianceView,
): URLSearchParams {
  const params = filterToSearchParams(filter);
  for (const column of view.hiddenColumns) {
    params.append('hide', column);
  }
  if (view.changeDays !== 7) {
    params.set('days', String(view.changeDays));
  }
  return params;
}
