/**
 * The Release Scorecard backend plugin.
 *
 * @packageDocumentation
 */
export { releaseScorecardPlugin as default } from './plugin';
