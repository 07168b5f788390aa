/*
 * The catalog annotations the Release Scorecard reads, in one place for the
 * backend, its modules and the frontends. Where the Backstage ecosystem
 * already has an annotation for a tool (the Argo CD, GitHub, PagerDuty,
 * SonarQube and flag provider plugins), it is that one.
 */

export const ANNOTATIONS = {
  /** The Argo CD application of the entity (Argo CD and Argo Rollouts notifications). */
  argoCdAppName: 'argocd/app-name',
  /** The environment an Argo CD application deploys to, when its name does not say. */
  environment: 'release-scorecard.io/environment',
  githubProjectSlug: 'github.com/project-slug',
  gitlabProjectSlug: 'gitlab.com/project-slug',
  pagerDutyServiceId: 'pagerduty.com/service-id',
  pagerDutyIntegrationKey: 'pagerduty.com/integration-key',
  opsgenieComponentSelector: 'opsgenie.com/component-selector',
  opsgenieTeam: 'opsgenie.com/team',
  sonarQubeProjectKey: 'sonarqube.org/project-key',
  unleashProjectId: 'unleash.io/project-id',
  launchDarklyProjectKey: 'launchdarkly.com/project-key',
  flagsmithProjectId: 'flagsmith.com/project-id',
  /** Opts an entity in to demo history; the value names its profile. */
  demoProfile: 'release-scorecard.io/demo-profile',
} as const;

/** Annotations that connect an entity to an incident tool. */
export const INCIDENT_TOOL_ANNOTATIONS: readonly string[] = [
  ANNOTATIONS.pagerDutyServiceId,
  ANNOTATIONS.pagerDutyIntegrationKey,
  ANNOTATIONS.opsgenieComponentSelector,
  ANNOTATIONS.opsgenieTeam,
];

/** The annotation of each built-in feature flag provider, by provider id. */
export const FLAG_PROVIDER_ANNOTATIONS = {
  unleash: ANNOTATIONS.unleashProjectId,
  launchdarkly: ANNOTATIONS.launchDarklyProjectKey,
  flagsmith: ANNOTATIONS.flagsmithProjectId,
} as const;
