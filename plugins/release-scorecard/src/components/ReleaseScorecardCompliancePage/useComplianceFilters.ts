import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ComplianceFilter } from '../../api';
import {
  filterFromSearchParams,
  filterToSearchParams,
} from '../../complianceSearchParams';

/**
 * The compliance filters, kept in the URL's query string so that a view can
 * be bookmarked and shared.
 */
export function useComplianceFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = filterToSearchParams(
    filterFromSearchParams(searchParams),
  ).toString();
  const filter = useMemo(
    () => filterFromSearchParams(new URLSearchParams(key)),
    [key],
  );
  const setFilter = useCallback(
    (next: ComplianceFilter) => setSearchParams(filterToSearchParams(next)),
    [setSearchParams],
  );
  return { filter, filterKey: key, setFilter };
}
