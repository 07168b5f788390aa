import { ReactNode } from 'react';
import { CursorPage, CursorPagination } from '../../hooks/useCursorPagination';
import { AsyncView } from '../AsyncView';
import { DataTable, DataTableProps } from '../DataTable';
import { CursorPager } from './CursorPager';

/**
 * Props of {@link CursorPagedTable}.
 *
 * @public
 */
export type CursorPagedTableProps<T> = Omit<
  DataTableProps<T>,
  'rows' | 'ariaLabel' | 'empty'
> & {
  pages: CursorPagination<CursorPage<T>>;
  pageSize: number;
  /** Names the table (and its pager) for assistive technology, e.g. `Deployments`. */
  title: string;
  /** Replaces table and pager when the list has no item at all. */
  empty: ReactNode;
};

/**
 * One page of a cursor-paginated list in a {@link DataTable}, with the
 * {@link CursorPager} below it.
 *
 * @public
 */
export function CursorPagedTable<T>(props: CursorPagedTableProps<T>) {
  const { pages, pageSize, title, empty, ...tableProps } = props;
  return (
    <AsyncView state={pages.state}>
      {page =>
        page.items.length === 0 && !pages.hasPrevious ? (
          empty
        ) : (
          <>
            <DataTable<T> {...tableProps} rows={page.items} ariaLabel={title} />
            <CursorPager
              pagination={pages}
              pageSize={pageSize}
              label={`${title}: pages`}
            />
          </>
        )
      }
    </AsyncView>
  );
}
