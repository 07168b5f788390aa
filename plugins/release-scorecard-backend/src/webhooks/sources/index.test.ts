import { findWebhookSource, webhookSources } from '.';

describe('webhookSources', () => {
  it('registers each source of the specification once', () => {
    expect(webhookSources.map(source => source.name)).toEqual([
      'argocd',
      'github',
      'gitlab',
      'pagerduty',
      'sonarqube',
      'trivy',
      'junit',
      'cobertura',
    ]);
  });

  it('finds a source by its path segment', () => {
    expect(findWebhookSource('pagerduty')?.name).toBe('pagerduty');
    expect(findWebhookSource('jenkins')).toBeUndefined();
    expect(findWebhookSource('PagerDuty')).toBeUndefined();
  });
});
