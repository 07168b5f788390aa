import { createRouteRef } from '@backstage/core-plugin-api';

/** The organisation-wide flag page. */
export const rootRouteRef = createRouteRef({
  id: 'flag-overview',
});
