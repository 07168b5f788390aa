import { entityRefToPath, normalizeEntityRef } from './entityRefs';

describe('normalizeEntityRef', () => {
  it('lower-cases full refs', () => {
    expect(normalizeEntityRef('Component:Default/Payments-API')).toBe(
      'component:default/payments-api',
    );
  });

  it('fills in the default namespace and a given default kind', () => {
    expect(normalizeEntityRef('component:payments')).toBe(
      'component:default/payments',
    );
    expect(normalizeEntityRef('payments-team', { kind: 'group' })).toBe(
      'group:default/payments-team',
    );
  });

  it('refuses refs without a kind and malformed text', () => {
    expect(normalizeEntityRef('payments')).toBeUndefined();
    expect(normalizeEntityRef('component:a/b/c')).toBeUndefined();
    expect(normalizeEntityRef('component: default/x')).toBeUndefined();
    expect(normalizeEntityRef('')).toBeUndefined();
  });
});

describe('entityRefToPath', () => {
  it('orders namespace, kind and name for the read API', () => {
    expect(entityRefToPath('component:default/payments-api')).toBe(
      'default/component/payments-api',
    );
  });
});
