export { EntityReleaseScorecardContent } from './EntityReleaseScorecardContent';
