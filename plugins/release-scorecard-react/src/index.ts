/**
 * Web library of the Release Scorecard plugins: the one table and the one
 * cursor pager that every page of the Release Scorecard and the flag
 * overview uses.
 *
 * @packageDocumentation
 */
export * from './components';
export * from './hooks';
