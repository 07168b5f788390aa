// Moved to @internal/plugin-release-scorecard-react; this re-export goes
// once every component imports the package directly.
export { BreakableText } from '@internal/plugin-release-scorecard-react';
