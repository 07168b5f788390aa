import { useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Pages through a cursor-paginated list. The API only hands out the next
 * cursor, so the cursors of the pages seen so far are kept to go back.
 * Changing `resetKey` (e.g. the filters) starts again from the first page.
 */
export interface CursorPagination<T> {
  state: { loading: boolean; error?: Error; value?: T };
  /** 0 for the first page. */
  pageIndex: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
}

export function useCursorPagination<T extends { nextCursor?: string }>(
  load: (cursor: string | undefined) => Promise<T>,
  resetKey: string,
): CursorPagination<T> {
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
    previous: () => setStack({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}
