import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { ReleaseScorecardApi, releaseScorecardApiRef } from '../api';
import { complianceRouteRef, rulesRouteRef } from '../routes';

/**
 * Renders a scorecard component in a test app with the given API, the
 * catalog's routes mounted, and the entity in context when one is given.
 */
export function renderScorecard(
  element: ReactElement,
  options: {
    api: ReleaseScorecardApi;
    entity?: Entity;
    catalogEntities?: Entity[];
    /** The URL the app starts at, e.g. `/?owner=group:default/a`. */
    route?: string;
  },
) {
  const { api, entity, catalogEntities = [], route } = options;
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [releaseScorecardApiRef, api],
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'https://portal.test' }),
        ],
        [catalogApiRef, catalogApiMock({ entities: catalogEntities })],
      ]}
    >
      {entity ? (
        <EntityProvider entity={entity}>{element}</EntityProvider>
      ) : (
        element
      )}
    </TestApiProvider>,
    {
      routeEntries: route ? [route] : undefined,
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/release-scorecard/compliance': complianceRouteRef,
        '/release-scorecard/rules': rulesRouteRef,
      },
    },
  );
}
