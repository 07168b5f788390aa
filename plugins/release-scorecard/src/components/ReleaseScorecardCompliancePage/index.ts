export { ReleaseScorecardCompliancePage } from './ReleaseScorecardCompliancePage';
