import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ReleaseScorecardClient, releaseScorecardApiRef } from './api';
import { complianceRouteRef, rulesRouteRef } from './routes';

/** The Release Scorecard frontend plugin, for apps on the legacy frontend system. */
export const releaseScorecardPlugin = createPlugin({
  id: 'release-scorecard',
  apis: [
    createApiFactory({
      api: releaseScorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseScorecardClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    compliance: complianceRouteRef,
    rules: rulesRouteRef,
  },
});

/** Card for the entity overview: readiness, gates, score, DORA tiers, incidents, last deployment. */
export const EntityReleaseScorecardCard = releaseScorecardPlugin.provide(
  createComponentExtension({
    name: 'EntityReleaseScorecardCard',
    component: {
      lazy: () =>
        import('./components/EntityReleaseScorecardCard').then(
          m => m.EntityReleaseScorecardCard,
        ),
    },
  }),
);

/** Content of the entity tab "Release & reliability". */
export const EntityReleaseScorecardContent = releaseScorecardPlugin.provide(
  createComponentExtension({
    name: 'EntityReleaseScorecardContent',
    component: {
      lazy: () =>
        import('./components/EntityReleaseScorecardContent').then(
          m => m.EntityReleaseScorecardContent,
        ),
    },
  }),
);

/** The compliance page (services × rules) for engineering managers. */
export const ReleaseScorecardCompliancePage = releaseScorecardPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseScorecardCompliancePage',
    component: () =>
      import('./components/ReleaseScorecardCompliancePage').then(
        m => m.ReleaseScorecardCompliancePage,
      ),
    mountPoint: complianceRouteRef,
  }),
);

/** The rules page for platform teams. */
export const ReleaseScorecardRulesPage = releaseScorecardPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseScorecardRulesPage',
    component: () =>
      import('./components/ReleaseScorecardRulesPage').then(
        m => m.ReleaseScorecardRulesPage,
      ),
    mountPoint: rulesRouteRef,
  }),
);
