import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { EvidenceCollector } from './evidenceCollectors';
import { FactProvider } from './factProviders';
import { FlagProvider } from './flagProviders';
import { AnyWebhookSource } from './webhooks/types';

/**
 * Adds tools that call `POST /api/release-scorecard/webhooks/<name>`. The
 * built-in sources (Argo CD, GitHub, GitLab, PagerDuty, SonarQube, Trivy,
 * JUnit, Cobertura) are added through this same point. A source whose
 * uploads are too large for memory is a StreamingWebhookSource.
 *
 * @public
 */
export interface ReleaseScorecardWebhookSourcesExtensionPoint {
  addWebhookSource(...sources: AnyWebhookSource[]): void;
}

/** @public */
export const releaseScorecardWebhookSourcesExtensionPoint =
  createExtensionPoint<ReleaseScorecardWebhookSourcesExtensionPoint>({
    id: 'release-scorecard.webhook-sources',
  });

/**
 * Adds feature flag providers that the backend polls. The built-in ones
 * (Unleash, LaunchDarkly, Flagsmith) are added through this same point.
 *
 * @public
 */
export interface ReleaseScorecardFlagProvidersExtensionPoint {
  addFlagProvider(...providers: FlagProvider[]): void;
}

/** @public */
export const releaseScorecardFlagProvidersExtensionPoint =
  createExtensionPoint<ReleaseScorecardFlagProvidersExtensionPoint>({
    id: 'release-scorecard.flag-providers',
  });

/**
 * Adds facts from an organisation's own data, so that rules can test them.
 *
 * @public
 */
export interface ReleaseScorecardFactProvidersExtensionPoint {
  addFactProvider(...providers: FactProvider[]): void;
}

/** @public */
export const releaseScorecardFactProvidersExtensionPoint =
  createExtensionPoint<ReleaseScorecardFactProvidersExtensionPoint>({
    id: 'release-scorecard.fact-providers',
  });

/**
 * Adds evidence collectors: modules that bring records in on their own and
 * send them through the push API's ingestion (pollers, backfills, demo data).
 *
 * @public
 */
export interface ReleaseScorecardEvidenceCollectorsExtensionPoint {
  addEvidenceCollector(...collectors: EvidenceCollector[]): void;
}

/** @public */
export const releaseScorecardEvidenceCollectorsExtensionPoint =
  createExtensionPoint<ReleaseScorecardEvidenceCollectorsExtensionPoint>({
    id: 'release-scorecard.evidence-collectors',
  });
