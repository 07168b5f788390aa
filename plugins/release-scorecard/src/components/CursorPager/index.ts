// Moved to @internal/plugin-release-scorecard-react; this re-export goes
// once every component imports the package directly.
export {
  CursorPager,
  CursorPagedTable,
  useCursorPagination,
} from '@internal/plugin-release-scorecard-react';
export type { CursorPagination } from '@internal/plugin-release-scorecard-react';
