import { WebhookSource } from '@internal/plugin-release-scorecard-node';
import { argoCdWebhookSource } from './argocd';
import { coberturaWebhookSource } from './cobertura';
import { githubWebhookSource } from './github';
import { gitlabWebhookSource } from './gitlab';
import { junitWebhookSource } from './junit';
import { pagerDutyWebhookSource } from './pagerduty';
import { sonarQubeWebhookSource } from './sonarqube';
import { trivyWebhookSource } from './trivy';

/**
 * The tools built into the backend that can call `POST /webhooks/{name}`;
 * the plugin adds them through the same extension point as a module adds
 * its own (releaseScorecardWebhookSourcesExtensionPoint).
 */
export const BUILT_IN_WEBHOOK_SOURCES: WebhookSource[] = [
  argoCdWebhookSource,
  githubWebhookSource,
  gitlabWebhookSource,
  pagerDutyWebhookSource,
  sonarQubeWebhookSource,
  trivyWebhookSource,
  junitWebhookSource,
  coberturaWebhookSource,
];
