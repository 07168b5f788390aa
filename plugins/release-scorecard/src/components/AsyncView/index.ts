// Moved to @internal/plugin-release-scorecard-react; this re-export goes
// once every component imports the package directly.
export { AsyncView } from '@internal/plugin-release-scorecard-react';
export type { RequestState } from '@internal/plugin-release-scorecard-react';
