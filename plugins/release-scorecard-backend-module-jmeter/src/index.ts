/**
 * JMeter for the Release Scorecard: the `load-test` gate from JMeter's
 * results file (JTL) or its dashboard's statistics.json, uploaded from CI.
 *
 * @packageDocumentation
 */
export { releaseScorecardModuleJMeter as default } from './module';
export {
  createJMeterWebhookSource,
  JMETER_MAX_BODY_BYTES,
  summarizeJMeterResults,
} from './jmeterWebhookSource';
export {
  DEFAULT_LOAD_TEST_THRESHOLDS,
  judgeLoadTest,
  readLoadTestThresholds,
  toLoadTestMetrics,
  type LoadTestThresholds,
} from './loadTestGate';
export type { LoadTestFigures, LoadTestSummary } from './LoadTestSummary';
