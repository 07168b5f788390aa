/**
 * Demo data for the Release Scorecard: history for the catalog entities that
 * opt in with the `release-scorecard.io/demo-profile` annotation.
 *
 * @packageDocumentation
 */
export { releaseScorecardModuleDemoData as default } from './module';
export { DEMO_PROFILE_ANNOTATION } from './DemoDataSeeder';
export {
  DEMO_PROFILES,
  DEFAULT_DEMO_PROFILE,
  type DemoProfile,
} from './demoProfiles';
export { generateDemoHistory, type DemoHistory } from './generateDemoHistory';
