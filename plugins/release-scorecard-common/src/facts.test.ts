import { findFactDefinition } from './facts';

describe('findFactDefinition', () => {
  it('knows fixed facts', () => {
    expect(findFactDefinition('deployment.gitops')?.type).toBe('boolean');
    expect(findFactDefinition('dora.tier')?.type).toBe('string');
  });

  it('knows gate facts for well-known and custom gates', () => {
    expect(findFactDefinition('gate.unit-tests.coverage')?.name).toBe(
      'gate.<gate>.<metric>',
    );
    expect(findFactDefinition('gate.unit-tests.status')?.name).toBe(
      'gate.<gate>.status',
    );
    expect(findFactDefinition('gate.mutation-tests.score')?.type).toBe(
      'number',
    );
  });

  it('knows incidents by severity and annotations', () => {
    expect(findFactDefinition('incidents.open.sev1')?.type).toBe('number');
    expect(findFactDefinition('entity.annotations.argocd/app-name')?.type).toBe(
      'string',
    );
  });

  it('refuses misspelt facts', () => {
    expect(findFactDefinition('deployment.gitop')).toBeUndefined();
    expect(findFactDefinition('incidents.open.sev5')).toBeUndefined();
    expect(findFactDefinition('gate.unit-tests')).toBeUndefined();
    expect(findFactDefinition('dora.leadtime')).toBeUndefined();
  });
});
