import { Entity } from '@backstage/catalog-model';
import { isReleaseScorecardAvailable } from './isReleaseScorecardAvailable';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('isReleaseScorecardAvailable', () => {
  it('is true for components of any type and false for other kinds', () => {
    expect(isReleaseScorecardAvailable(entity('Component'))).toBe(true);
    expect(isReleaseScorecardAvailable(entity('component'))).toBe(true);
    expect(isReleaseScorecardAvailable(entity('API'))).toBe(false);
    expect(isReleaseScorecardAvailable(entity('Group'))).toBe(false);
  });
});
