import { ReactNode } from 'react';
import { AsyncView } from '../AsyncView';
import { DataColumn, DataTable } from '../DataTable';
import { CursorPager } from './CursorPager';
import { CursorPagination } from './useCursorPagination';

/**
 * A dense table of one page of a cursor-paginated list, with previous / next
 * buttons; `empty` replaces it when the list has no item at all.
 */
export function CursorPagedTable<T extends object>(props: {
  pages: CursorPagination<{ items: T[]; nextCursor?: string }>;
  columns: DataColumn<T>[];
  rowKey: (row: T) => string;
  pageSize: number;
  /** Names the table for assistive technology, e.g. `Deployments`. */
  title: string;
  empty: ReactNode;
}) {
  const { pages, columns, rowKey, pageSize, title, empty } = props;
  return (
    <AsyncView state={pages.state}>
      {page =>
        page.items.length === 0 && !pages.hasPrevious ? (
          empty
        ) : (
          <>
            <DataTable<T>
              columns={columns}
              rows={page.items}
              rowKey={rowKey}
              ariaLabel={title}
            />
            <CursorPager
              label={`${title}: pages`}
              pageIndex={pages.pageIndex}
              pageSize={pageSize}
              itemCount={page.items.length}
              hasPrevious={pages.hasPrevious}
              hasNext={pages.hasNext}
              onPrevious={pages.previous}
              onNext={pages.next}
            />
          </>
        )
      }
    </AsyncView>
  );
}
