import { Entity } from '@backstage/catalog-model';

function service(
  name: string,
  spec: { owner: string; lifecycle: string; system?: string },
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations, tags: [] },
    spec: { type: 'service', ...spec },
  };
}

/** A small catalog for plugin tests: two teams, three services. */
export const testEntities: Entity[] = [
  service(
    'payments-api',
    {
      owner: 'group:default/payments-team',
      lifecycle: 'production',
      system: 'payments',
    },
    {
      'argocd/app-name': 'payments-api',
      'github.com/project-slug': 'acme/payments-api',
      'gitlab.com/project-slug': 'acme/payments-api',
      'pagerduty.com/service-id': 'PPAYAPI',
      'sonarqube.org/project-key': 'acme_payments-api',
    },
  ),
  service(
    'ledger-service',
    {
      owner: 'group:default/payments-team',
      lifecycle: 'production',
      system: 'payments',
    },
    { 'argocd/app-name': 'ledger' },
  ),
  service('cart-service', {
    owner: 'group:default/checkout-team',
    lifecycle: 'experimental',
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { type: 'department', children: ['payments-team', 'checkout-team'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team', namespace: 'default' },
    spec: { type: 'team', parent: 'commerce', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-team', namespace: 'default' },
    spec: { type: 'team', parent: 'commerce', children: [] },
  },
];
