import { createPermission } from '@backstage/plugin-permission-common';

/*
 * Reading an entity's scorecard, DORA metrics and evidence follows the
 * catalog's own read permission (`catalog.entity.read`): an entity the caller
 * may not see is a 404. The permissions below cover what is not tied to one
 * entity.
 */

/** See the organisation-wide compliance view (services × rules) and its export. */
export const releaseScorecardComplianceReadPermission = createPermission({
  name: 'release-scorecard.compliance.read',
  attributes: { action: 'read' },
});

/** See the organisation-wide feature flag list. */
export const releaseScorecardFlagsReadPermission = createPermission({
  name: 'release-scorecard.flags.read',
  attributes: { action: 'read' },
});

/** See ingestion status: unknown entity refs and unmatched webhook events. */
export const releaseScorecardOperationsReadPermission = createPermission({
  name: 'release-scorecard.operations.read',
  attributes: { action: 'read' },
});

/** Trigger a re-evaluation of scorecards outside the schedule. */
export const releaseScorecardEvaluatePermission = createPermission({
  name: 'release-scorecard.evaluate',
  attributes: { action: 'update' },
});

export const releaseScorecardPermissions = [
  releaseScorecardComplianceReadPermission,
  releaseScorecardFlagsReadPermission,
  releaseScorecardOperationsReadPermission,
  releaseScorecardEvaluatePermission,
];
