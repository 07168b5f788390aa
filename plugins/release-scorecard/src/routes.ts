import { createRouteRef } from '@backstage/core-plugin-api';

/** The compliance page for engineering managers: services × rules. */
export const complianceRouteRef = createRouteRef({
  id: 'release-scorecard:compliance',
});

/** The rules page for platform teams. */
export const rulesRouteRef = createRouteRef({
  id: 'release-scorecard:rules',
});

/** Path of the entity tab, relative to the entity page. */
export const ENTITY_TAB_PATH = 'release';
