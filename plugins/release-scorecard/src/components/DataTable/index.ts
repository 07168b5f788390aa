// Moved to @internal/plugin-release-scorecard-react; this re-export goes
// once every component imports the package directly.
export { DataTable } from '@internal/plugin-release-scorecard-react';
export type { DataColumn } from '@internal/plugin-release-scorecard-react';
