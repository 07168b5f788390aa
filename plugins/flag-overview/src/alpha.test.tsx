import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { FlagOverviewApi, flagOverviewApiRef } from './api';
import { organizationFlag } from './__fixtures__/flags';
import flagOverviewPlugin from './alpha';

function entity(kind: string, type?: string, annotations = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'example', annotations },
    spec: type ? { type } : {},
  };
}

describe('flag overview plugin for the new frontend system', () => {
  // Rendering MUI in jsdom and typing into it is slow on a busy machine.
  jest.setTimeout(30_000);

  it('provides the API, the entity card and the page', () => {
    expect(flagOverviewPlugin.id).toBe('flag-overview');
    expect(flagOverviewPlugin.getExtension('api:flag-overview')).toBeDefined();
    expect(
      flagOverviewPlugin.getExtension('entity-card:flag-overview/flags'),
    ).toBeDefined();
    expect(flagOverviewPlugin.getExtension('page:flag-overview')).toBeDefined();
  });

  it('shows the card on entities mapped to a provider and on every service', () => {
    const tester = createExtensionTester(
      flagOverviewPlugin.getExtension('entity-card:flag-overview/flags'),
    );
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;

    expect(filter(entity('Component', 'service'))).toBe(true);
    expect(
      filter(
        entity('Component', 'website', {
          'launchdarkly.com/project-key': 'web',
        }),
      ),
    ).toBe(true);
    expect(
      filter(entity('System', undefined, { 'flagsmith.com/project-id': '12' })),
    ).toBe(true);
    expect(filter(entity('Component', 'website'))).toBe(false);
    expect(filter(entity('Group', 'team'))).toBe(false);
  });

  it('mounts the page at /flags as "Feature flags", which also makes its nav item', () => {
    const tester = createExtensionTester(
      flagOverviewPlugin.getExtension('page:flag-overview'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/flags');
    expect(tester.get(coreExtensionData.title)).toBe('Feature flags');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('renders the organisation page in an app', async () => {
    const api: jest.Mocked<FlagOverviewApi> = {
      getEntityFlags: jest.fn(),
      listFlags: jest.fn(async () => ({
        items: [organizationFlag({ key: 'dark-launch' })],
        totalCount: 1,
        owners: [],
      })),
    };
    renderTestApp({
      extensions: [flagOverviewPlugin.getExtension('page:flag-overview')],
      apis: [
        [flagOverviewApiRef, api],
        [catalogApiRef, catalogApiMock()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/flags?stale=true'],
    });

    expect(
      await screen.findByText('dark-launch', undefined, { timeout: 10000 }),
    ).toBeInTheDocument();
    expect(api.listFlags).toHaveBeenCalledWith({
      owner: undefined,
      provider: undefined,
      type: undefined,
      stale: true,
      limit: 25,
      cursor: undefined,
    });
  });
});
