export * from './AsyncView';
export * from './BreakableText';
export * from './CursorPager';
export * from './DataTable';
