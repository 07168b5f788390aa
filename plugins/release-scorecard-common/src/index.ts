/**
 * Types, permissions, rule and fact names shared by the Release Scorecard
 * frontend and backend.
 *
 * @packageDocumentation
 */
export * from './records';
export * from './rules';
export * from './facts';
export * from './dora';
export * from './api';
export * from './permissions';
export * from './entityRefs';
export * from './factFormat';
export * from './annotations';
