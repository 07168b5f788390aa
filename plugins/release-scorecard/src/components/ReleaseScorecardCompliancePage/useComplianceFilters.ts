import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ComplianceFilter } from '../../api';
import {
  complianceSearchParams,
  ComplianceView,
  filterFromSearchParams,
  filterToSearchParams,
  viewFromSearchParams,
} from '../../complianceSearchParams';

/**
 * The compliance filters and how the view shows them (hidden columns, the
 * changes period), kept in the URL's query string so that a view can be
 * bookmarked and shared. `filterKey` changes with the filters only.
 */
export function useComplianceFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  const key = filterToSearchParams(
    filterFromSearchParams(searchParams),
  ).toString();
  const viewKey = complianceSearchParams(
    {},
    viewFromSearchParams(searchParams),
  ).toString();
  const filter = useMemo(
    () => filterFromSearchParams(new URLSearchParams(key)),
    [key],
  );
  const view = useMemo(
    () => viewFromSearchParams(new URLSearchParams(viewKey)),
    [viewKey],
  );
  const setFilter = useCallback(
    (next: ComplianceFilter) =>
      setSearchParams(current =>
        complianceSearchParams(next, viewFromSearchParams(current)),
      ),
    [setSearchParams],
  );
  const setView = useCallback(
    (change: Partial<ComplianceView>) =>
      setSearchParams(
        current =>
          complianceSearchParams(filterFromSearchParams(current), {
            ...viewFromSearchParams(current),
            ...change,
          }),
        { replace: true },
      ),
    [setSearchParams],
  );
  return { filter, filterKey: key, setFilter, view, setView };
}
