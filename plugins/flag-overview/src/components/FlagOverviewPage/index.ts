export { FlagOverviewContent, FlagOverviewPage } from './FlagOverviewPage';
