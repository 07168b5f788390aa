import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  FLAG_TYPES,
  FlagType,
} from '@internal/plugin-release-scorecard-common';

/** The filters of the flag page, as they are kept in the query string. */
export interface FlagFilters {
  owner?: string;
  provider?: string;
  type?: FlagType;
  stale?: boolean;
}

const FILTER_NAMES = ['owner', 'provider', 'type', 'stale'] as const;

const STALE_VALUES: Record<string, boolean | undefined> = {
  true: true,
  false: false,
};

/** Reads the filters from a query string; values it does not know are ignored. */
export function parseFlagFilters(params: URLSearchParams): FlagFilters {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const type = text('type');
  const stale = text('stale');
  return {
    owner: text('owner'),
    provider: text('provider'),
    type: FLAG_TYPES.includes(type as FlagType)
      ? (type as FlagType)
      : undefined,
    stale: STALE_VALUES[stale ?? ''],
  };
}

/** Writes the filters into a query string, keeping its other parameters. */
export function applyFlagFilters(
  params: URLSearchParams,
  filters: FlagFilters,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value === undefined || value === '') {
      next.delete(name);
    } else {
      next.set(name, String(value));
    }
  }
  return next;
}

/** The filters in the URL, and a setter that merges a change into them. */
export function useFlagFilters(): [
  FlagFilters,
  (change: Partial<FlagFilters>) => void,
] {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(
    () => parseFlagFilters(new URLSearchParams(search)),
    [search],
  );
  const setFilters = useCallback(
    (change: Partial<FlagFilters>) =>
      setParams(
        current =>
          applyFlagFilters(current, {
            ...parseFlagFilters(current),
            ...change,
          }),
        { replace: true },
      ),
    [setParams],
  );
  return [filters, setFilters];
}
