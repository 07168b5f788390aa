import { WebhookSource } from '../types';
import { argoCdWebhookSource } from './argocd';
import { coberturaWebhookSource } from './cobertura';
import { githubWebhookSource } from './github';
import { gitlabWebhookSource } from './gitlab';
import { junitWebhookSource } from './junit';
import { pagerDutyWebhookSource } from './pagerduty';
import { sonarQubeWebhookSource } from './sonarqube';
import { trivyWebhookSource } from './trivy';

/**
 * Every tool that can call `POST /webhooks/{name}`. Adding a tool is adding
 * its file, its fixtures and a line here (and its secret in config.d.ts).
 */
export const webhookSources: WebhookSource[] = [
  argoCdWebhookSource,
  githubWebhookSource,
  gitlabWebhookSource,
  pagerDutyWebhookSource,
  sonarQubeWebhookSource,
  trivyWebhookSource,
  junitWebhookSource,
  coberturaWebhookSource,
];

/** The source behind `/webhooks/{name}`, or undefined for an unknown name. */
export function findWebhookSource(name: string): WebhookSource | undefined {
  return webhookSources.find(source => source.name === name);
}
