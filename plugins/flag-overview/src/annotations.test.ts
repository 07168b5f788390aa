import { Entity } from '@backstage/catalog-model';
import {
  getFlagProviderAnnotations,
  isFlagOverviewAvailable,
} from './annotations';

function component(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
  };
}

describe('flag provider annotations', () => {
  it.each([
    ['unleash.io/project-id', 'unleash'],
    ['launchdarkly.com/project-key', 'launchdarkly'],
    ['flagsmith.com/project-id', 'flagsmith'],
  ])('%s maps the entity to %s', (annotation, provider) => {
    const entity = component({ [annotation]: 'checkout' });
    expect(isFlagOverviewAvailable(entity)).toBe(true);
    expect(getFlagProviderAnnotations(entity)).toEqual([
      { provider, annotation, value: 'checkout' },
    ]);
  });

  it('is not available without a (non-blank) provider annotation', () => {
    expect(isFlagOverviewAvailable(component())).toBe(false);
    expect(
      isFlagOverviewAvailable(
        component({
          'unleash.io/project-id': '  ',
          'github.com/project-slug': 'acme/checkout',
        }),
      ),
    ).toBe(false);
  });
});
