import { DeploymentEvidence, IncidentEvidence } from '../evidence';

export const HOUR = 3_600_000;
export const T0 = Date.parse('2026-10-01T00:00:00Z');
export const PAYMENTS = 'component:default/payments-api';

/** A succeeded production deployment of payments-api at T0, with one commit. */
export function testDeployment(
  overrides: Partial<DeploymentEvidence> = {},
): DeploymentEvidence {
  return {
    entityRef: PAYMENTS,
    source: 'api',
    id: 'deploy-1',
    environment: 'production',
    revision: 'abc123',
    strategy: 'canary',
    gitops: true,
    status: 'succeeded',
    startedAt: T0,
    finishedAt: T0 + HOUR,
    commits: [{ sha: 'c1', committedAt: T0 - 5 * HOUR }],
    ...overrides,
  };
}

/** An open sev2 PagerDuty incident of payments-api, opened at T0. */
export function testIncident(
  overrides: Partial<IncidentEvidence> = {},
): IncidentEvidence {
  return {
    entityRef: PAYMENTS,
    source: 'pagerduty',
    id: 'PD-1',
    title: 'Checkout errors',
    severity: 'sev2',
    status: 'open',
    openedAt: T0,
    ...overrides,
  };
}
