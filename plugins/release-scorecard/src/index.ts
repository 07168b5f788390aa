/**
 * Release Scorecard: release readiness and reliability scorecards on every
 * service page, with compliance and rules pages.
 *
 * @packageDocumentation
 */
export {
  releaseScorecardPlugin,
  EntityReleaseScorecardCard,
  EntityReleaseScorecardContent,
  ReleaseScorecardCompliancePage,
  ReleaseScorecardRulesPage,
} from './plugin';
export { isReleaseScorecardAvailable } from './isReleaseScorecardAvailable';
export { releaseScorecardApiRef, ReleaseScorecardClient } from './api';
export type {
  ComplianceFilter,
  DoraWindowOptions,
  PageOptions,
  ReleaseScorecardApi,
} from './api';
export { complianceRouteRef, rulesRouteRef } from './routes';
