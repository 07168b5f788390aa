import FlagIcon from '@material-ui/icons/Flag';
import { Entity } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isFlagOverviewAvailable } from './annotations';
import { FlagOverviewClient, flagOverviewApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * Where the card goes: every entity mapped to a flag provider, and every
 * service even without a mapping, where the card's empty state explains how
 * to add one (flags pushed from CI need no annotation at all).
 */
export function isFlagCardShown(entity: Entity): boolean {
  if (isFlagOverviewAvailable(entity)) {
    return true;
  }
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    entity.spec?.type === 'service'
  );
}

const flagOverviewApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: flagOverviewApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FlagOverviewClient({ discoveryApi, fetchApi }),
    }),
});

const entityFlagsCard = EntityCardBlueprint.make({
  name: 'flags',
  params: {
    filter: isFlagCardShown,
    loader: () =>
      import('./components/EntityFlagsCard').then(m =>
        compatWrapper(<m.EntityFlagsCard />),
      ),
  },
});

const flagOverviewPage = PageBlueprint.make({
  params: {
    path: '/flags',
    title: 'Feature flags',
    // The nav item comes from the page's title and icon (NavItemBlueprint is
    // gone since frontend-plugin-api 0.17).
    icon: <FlagIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/FlagOverviewPage').then(m =>
        compatWrapper(
          <Content>
            <m.FlagOverviewContent />
          </Content>,
        ),
      ),
  },
});

/** The flag overview plugin for apps on the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'flag-overview',
  title: 'Feature flags',
  icon: <FlagIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
  },
  extensions: [flagOverviewApi, entityFlagsCard, flagOverviewPage],
});
