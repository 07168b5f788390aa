export { CursorPager } from './CursorPager';
export type { CursorPagerProps } from './CursorPager';
export { CursorPagedTable } from './CursorPagedTable';
export type { CursorPagedTableProps } from './CursorPagedTable';
