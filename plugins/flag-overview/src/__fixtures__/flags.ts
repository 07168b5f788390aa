import { DateTime } from 'luxon';
import {
  FlagSnapshotStatus,
  OrganizationFlag,
  StoredFeatureFlag,
} from '@internal/plugin-release-scorecard-common';

/** An ISO time this long before now. */
export function ago(duration: {
  days?: number;
  hours?: number;
  minutes?: number;
}) {
  return DateTime.now().minus(duration).toUTC().toISO()!;
}

export function storedFlag(
  overrides: Partial<StoredFeatureFlag> & Pick<StoredFeatureFlag, 'key'>,
): StoredFeatureFlag {
  return {
    provider: 'unleash',
    type: 'release',
    temporary: true,
    archived: false,
    environments: [{ name: 'production', enabled: true }],
    stale: false,
    entityRef: 'component:default/checkout',
    active: true,
    snapshotAt: ago({ hours: 2 }),
    source: 'unleash',
    receivedAt: ago({ hours: 2 }),
    updatedAt: ago({ hours: 2 }),
    ...overrides,
  };
}

export function organizationFlag(
  overrides: Partial<OrganizationFlag> & Pick<OrganizationFlag, 'key'>,
): OrganizationFlag {
  return {
    entityOwner: 'group:default/checkout-team',
    ...storedFlag(overrides),
    ...overrides,
  };
}

export function snapshot(
  overrides: Partial<FlagSnapshotStatus> = {},
): FlagSnapshotStatus {
  return {
    entityRef: 'component:default/checkout',
    provider: 'unleash',
    refreshedAt: ago({ hours: 2 }),
    lastAttemptAt: ago({ minutes: 5 }),
    flagCount: 1,
    ...overrides,
  };
}
