import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { releaseScorecardWebhookSourcesExtensionPoint } from '@internal/plugin-release-scorecard-node';
import { createJMeterWebhookSource } from './jmeterWebhookSource';
import { readLoadTestThresholds } from './loadTestGate';

/**
 * JMeter for the Release Scorecard: `POST /api/release-scorecard/webhooks/jmeter`
 * takes a results file (JTL) or a dashboard's statistics.json from CI and
 * sets the run's `load-test` gate. Enabled by
 * `releaseScorecard.webhooks.jmeter.secret`; the gate's limits are
 * `releaseScorecard.gates.load-test.thresholds`.
 *
 * @public
 */
export const releaseScorecardModuleJMeter = createBackendModule({
  pluginId: 'release-scorecard',
  moduleId: 'jmeter',
  register(env) {
    env.registerInit({
      deps: {
        sources: releaseScorecardWebhookSourcesExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ sources, config }) {
        sources.addWebhookSource(
          createJMeterWebhookSource({
            thresholds: readLoadTestThresholds(config),
          }),
        );
      },
    });
  },
});
