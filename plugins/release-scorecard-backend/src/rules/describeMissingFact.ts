/**
 * A sentence that says which fact has no data and how to send it, so that a
 * `no-data` rule tells the team what to do instead of looking like a failure.
 */
export function describeMissingFact(fact: string): string {
  return `No data for ${fact}: ${howToProvide(fact)}.`;
}

function howToProvide(fact: string): string {
  const gateStatus = /^gate\.([^.]+)\.status$/.exec(fact);
  if (gateStatus) {
    return `the release candidate has no ${gateStatus[1]} gate; report it from the pipeline`;
  }
  const gateMetric = /^gate\.([^.]+)\.(.+)$/.exec(fact);
  if (gateMetric) {
    return `send ${gateMetric[1]} results with the ${gateMetric[2]} metric for the release candidate`;
  }
  const annotation = /^entity\.annotations\.(.+)$/.exec(fact);
  if (annotation) {
    return `add the ${annotation[1]} annotation to the entity's catalog-info.yaml`;
  }
  if (fact === 'dora.recoveryTimeMedianHours') {
    return 'no incident of this entity was resolved in the DORA window';
  }
  if (fact === 'dora.leadTimeMedianHours') {
    return 'send production deployments with the commits they shipped';
  }
  if (fact.startsWith('deployment.') || fact.startsWith('dora.')) {
    return 'report production deployments through the push API or the Argo CD, GitHub or GitLab webhooks';
  }
  if (fact.startsWith('incidents.')) {
    return 'connect an incident source (the pagerduty.com/service-id annotation or the push API)';
  }
  if (fact.startsWith('flags.')) {
    return 'connect a feature flag provider (the unleash.io/project-id, launchdarkly.com/project-key or flagsmith.com/project-id annotation)';
  }
  if (fact.startsWith('entity.')) {
    return "set it in the entity's catalog-info.yaml";
  }
  return 'no source has reported it';
}
