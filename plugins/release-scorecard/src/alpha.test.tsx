import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import releaseScorecardPlugin from './alpha';

const entity = (kind: string, type?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
  spec: type ? { type } : {},
});

describe('the new frontend system plugin', () => {
  it('puts the card on the overview of services only', () => {
    const tester = createExtensionTester(
      releaseScorecardPlugin.getExtension(
        'entity-card:release-scorecard/scorecard',
      ),
    );
    const showsOn = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;

    expect(showsOn(entity('Component', 'service'))).toBe(true);
    expect(showsOn(entity('Component', 'website'))).toBe(false);
    expect(showsOn(entity('API', 'openapi'))).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
  });

  it('adds the "Release & reliability" tab at /release to every component', () => {
    const tester = createExtensionTester(
      releaseScorecardPlugin.getExtension(
        'entity-content:release-scorecard/release',
      ),
    );
    const showsOn = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;

    expect(tester.get(coreExtensionData.routePath)).toBe('/release');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Release & reliability',
    );
    expect(showsOn(entity('Component', 'library'))).toBe(true);
    expect(showsOn(entity('System'))).toBe(false);
  });

  it('mounts the compliance and rules pages with titles for the sidebar', () => {
    const compliance = createExtensionTester(
      releaseScorecardPlugin.getExtension('page:release-scorecard/compliance'),
    );
    const rules = createExtensionTester(
      releaseScorecardPlugin.getExtension('page:release-scorecard/rules'),
    );

    expect(compliance.get(coreExtensionData.routePath)).toBe(
      '/release-scorecard/compliance',
    );
    expect(compliance.get(coreExtensionData.title)).toBe('Compliance');
    expect(rules.get(coreExtensionData.routePath)).toBe(
      '/release-scorecard/rules',
    );
    expect(rules.get(coreExtensionData.title)).toBe('Release rules');
  });
});
