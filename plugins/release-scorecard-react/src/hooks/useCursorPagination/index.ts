export { useCursorPagination } from './useCursorPagination';
export type { CursorPage, CursorPagination } from './useCursorPagination';
