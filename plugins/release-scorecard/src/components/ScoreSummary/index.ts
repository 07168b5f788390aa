export { ScoreSummary } from './ScoreSummary';
