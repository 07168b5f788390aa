export { ReleaseScorecardRulesPage } from './ReleaseScorecardRulesPage';
