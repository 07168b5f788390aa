export { ReadinessSummary } from './ReadinessSummary';
