import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import fc from 'fast-check';
import { EntityVisibility, isVisibleIn } from './EntityVisibility';

const entityRef = fc
  .tuple(
    fc.constantFrom('component', 'Component', 'api', 'system'),
    fc.constantFrom('default', 'Ops'),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,8}$/),
  )
  .map(([kind, namespace, name]) => `${kind}:${namespace}/${name}`);

describe('isVisibleIn', () => {
  it('lets every ref pass without a restriction', () => {
    fc.assert(
      fc.property(fc.array(entityRef), refs => {
        expect(refs.filter(isVisibleIn(undefined))).toEqual(refs);
      }),
    );
  });

  it('lets a ref pass exactly when it is visible, however it is spelt', () => {
    fc.assert(
      fc.property(fc.array(entityRef), fc.array(entityRef), (refs, seen) => {
        // visibleEntityRefs answers canonical (lower-case) refs.
        const visible = seen.map(ref => ref.toLocaleLowerCase('en-US'));
        expect(refs.filter(isVisibleIn(visible))).toEqual(
          refs.filter(ref => visible.includes(ref.toLocaleLowerCase('en-US'))),
        );
      }),
    );
  });

  it('lets nothing pass when nothing is visible', () => {
    fc.assert(
      fc.property(fc.array(entityRef), refs => {
        expect(refs.filter(isVisibleIn([]))).toEqual([]);
      }),
    );
  });
});

describe('EntityVisibility', () => {
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'Payments-API', namespace: 'default' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
    },
  ];

  const visibilityWith = (decision: PolicyDecision) =>
    new EntityVisibility(
      mockServices.permissions.mock({
        authorizeConditional: async requests => requests.map(() => decision),
      }),
      catalogServiceMock({ entities }),
      mockServices.auth(),
    );

  it('answers no restriction when the policy allows reading every entity', async () => {
    const visibility = visibilityWith({ result: AuthorizeResult.ALLOW });
    expect(
      await visibility.visibleEntityRefs(mockCredentials.user(), ['component']),
    ).toBeUndefined();
  });

  it('answers nothing visible when the policy denies reading entities', async () => {
    const visibility = visibilityWith({ result: AuthorizeResult.DENY });
    expect(
      await visibility.visibleEntityRefs(mockCredentials.user(), ['component']),
    ).toEqual([]);
  });

  it('asks the catalog for the canonical refs of the kinds on a conditional decision', async () => {
    const visibility = visibilityWith({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: [] },
      },
    });
    expect(
      await visibility.visibleEntityRefs(mockCredentials.user(), ['component']),
    ).toEqual(['component:default/payments-api']);
  });
});
