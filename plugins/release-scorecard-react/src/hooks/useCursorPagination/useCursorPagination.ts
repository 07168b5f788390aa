import { useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * One page of a cursor-paginated list, as the Release Scorecard API answers:
 * its items, the cursor of the next page and, for some lists, the total.
 *
 * @public
 */
export interface CursorPage<T> {
  items: T[];
  nextCursor?: string;
  totalCount?: number;
}

/**
 * Where {@link useCursorPagination} is in a list, and how to move.
 *
 * @public
 */
export interface CursorPagination<P> {
  /** The current page's request, as react-use's useAsync reports it. */
  state: { loading: boolean; error?: Error; value?: P };
  /** 0 for the first page. */
  pageIndex: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
}

/**
 * Pages through a cursor-paginated list. The API only hands out the next
 * cursor, so the cursors of the pages seen so far are kept to go back.
 * Changing `resetKey` (the filters, the page size) starts again from the
 * first page.
 *
 * @public
 */
export function useCursorPagination<P extends { nextCursor?: string }>(
  load: (cursor: string | undefined) => Promise<P>,
  resetKey: string,
): CursorPagination<P> {
  const loadRef = useRef(load);
  loadRef.current = load;
  const [stack, setStack] = useState<{
    key: string;
    cursors: Array<string | undefined>;
  }>({ key: resetKey, cursors: [undefined] });
  const cursors = stack.key === resetKey ? stack.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];

  const state = useAsync(() => loadRef.current(cursor), [resetKey, cursor]);
  const nextCursor = state.loading ? undefined : state.value?.nextCursor;

  return {
    state,
    pageIndex: cursors.length - 1,
    hasPrevious: cursors.length > 1,
    hasNext: Boolean(nextCursor),
    next: () => {
      if (nextCursor) {
        setStack({ key: resetKey, cursors: [...cursors, nextCursor] });
      }
    },
    previous: () => {
      if (cursors.length > 1) {
        setStack({ key: resetKey, cursors: cursors.slice(0, -1) });
      }
    },
  };
}
