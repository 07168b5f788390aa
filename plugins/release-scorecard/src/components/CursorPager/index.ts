export { CursorPager } from './CursorPager';
export { CursorPagedTable } from './CursorPagedTable';
export { useCursorPagination } from './useCursorPagination';
export type { CursorPagination } from './useCursorPagination';
