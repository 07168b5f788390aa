export * from './useCursorPagination';
