import { applyFlagFilters, parseFlagFilters } from './flagFilters';

describe('flag filters in the query string', () => {
  it('reads the filters and ignores values it does not know', () => {
    expect(
      parseFlagFilters(
        new URLSearchParams(
          'owner=group:default/payments&provider=unleash&type=experiment&stale=false',
        ),
      ),
    ).toEqual({
      owner: 'group:default/payments',
      provider: 'unleash',
      type: 'experiment',
      stale: false,
    });
    expect(
      parseFlagFilters(new URLSearchParams('type=feature&stale=yes&owner=')),
    ).toEqual({
      owner: undefined,
      provider: undefined,
      type: undefined,
      stale: undefined,
    });
  });

  it('writes the filters, dropping unset ones and keeping other parameters', () => {
    const next = applyFlagFilters(
      new URLSearchParams('tab=flags&provider=unleash&stale=true'),
      { provider: undefined, stale: false, type: 'kill-switch' },
    );
    expect(next.toString()).toBe('tab=flags&stale=false&type=kill-switch');
  });
});
