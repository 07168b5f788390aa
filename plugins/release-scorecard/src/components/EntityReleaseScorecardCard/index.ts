export { EntityReleaseScorecardCard } from './EntityReleaseScorecardCard';
