import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { FlagOverviewClient, flagOverviewApiRef } from './api';
import { rootRouteRef } from './routes';

/** The flag overview plugin for apps on the legacy frontend system. */
export const flagOverviewPlugin = createPlugin({
  id: 'flag-overview',
  apis: [
    createApiFactory({
      api: flagOverviewApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FlagOverviewClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/** The active feature flags of the current entity; put it on an entity page. */
export const EntityFlagsCard = flagOverviewPlugin.provide(
  createComponentExtension({
    name: 'EntityFlagsCard',
    component: {
      lazy: () =>
        import('./components/EntityFlagsCard').then(m => m.EntityFlagsCard),
    },
  }),
);

/** Every flag in the organisation, with filters and stale flags per team. */
export const FlagOverviewPage = flagOverviewPlugin.provide(
  createRoutableExtension({
    name: 'FlagOverviewPage',
    component: () =>
      import('./components/FlagOverviewPage').then(m => m.FlagOverviewPage),
    mountPoint: rootRouteRef,
  }),
);
