import { inferFlagType, isTemporaryFlagType } from './inferFlagType';

describe('inferFlagType', () => {
  it('takes the type from a tag that names one, in any spelling', () => {
    expect(inferFlagType(['payments', 'Kill Switch'], false)).toBe(
      'kill-switch',
    );
    expect(inferFlagType(['kill_switch'], true)).toBe('kill-switch');
    expect(inferFlagType(['KillSwitch'], true)).toBe('kill-switch');
    expect(inferFlagType(['EXPERIMENT'], false)).toBe('experiment');
    expect(inferFlagType([' permission '], true)).toBe('permission');
  });

  it('prefers the first type in release, experiment, operational, kill-switch, permission order', () => {
    expect(inferFlagType(['permission', 'experiment'], true)).toBe(
      'experiment',
    );
  });

  it('lets a type tag win over the provider hint', () => {
    expect(inferFlagType(['operational'], true, 'experiment')).toBe(
      'operational',
    );
    expect(inferFlagType(['frontend'], true, 'experiment')).toBe('experiment');
  });

  it('falls back to release for temporary and operational for permanent flags', () => {
    expect(inferFlagType(['frontend'], true)).toBe('release');
    expect(inferFlagType([], false)).toBe('operational');
  });
});

describe('isTemporaryFlagType', () => {
  it('treats the types with an Unleash lifetime as temporary', () => {
    expect(
      (
        [
          'release',
          'experiment',
          'operational',
          'kill-switch',
          'permission',
        ] as const
      ).map(isTemporaryFlagType),
    ).toEqual([true, true, true, false, false]);
  });
});
