import {
  complianceSearchParams,
  filterFromSearchParams,
  filterToSearchParams,
  viewFromSearchParams,
} from './complianceSearchParams';

describe('compliance filters in the query string', () => {
  it('round-trips every filter', () => {
    const filter = {
      owner: ['group:default/payments-team', 'group:default/checkout-team'],
      system: ['system:default/payments'],
      kind: ['component'],
      type: ['service'],
      lifecycle: ['production'],
      rule: 'unit-test-coverage',
      status: 'fail' as const,
      readiness: 'blocked' as const,
    };
    const params = filterToSearchParams(filter);
    expect(params.getAll('owner')).toEqual(filter.owner);
    expect(filterFromSearchParams(params)).toEqual(filter);
  });

  it('drops statuses the API would refuse and empty values', () => {
    expect(
      filterFromSearchParams(
        new URLSearchParams('status=broken&readiness=maybe&owner=&rule=x'),
      ),
    ).toEqual({ rule: 'x' });
  });
});

describe('the compliance view in the query string', () => {
  it('keeps hidden columns and the changes period next to the filter', () => {
    const params = complianceSearchParams(
      { rule: 'unit-test-coverage' },
      { hiddenColumns: ['owner', 'rule:gitops'], changeDays: 30 },
    );
    expect(params.toString()).toBe(
      'rule=unit-test-coverage&hide=owner&hide=rule%3Agitops&days=30',
    );
    expect(viewFromSearchParams(params)).toEqual({
      hiddenColumns: ['owner', 'rule:gitops'],
      changeDays: 30,
    });
    // The view does not change what the API is asked for.
    expect(filterFromSearchParams(params)).toEqual({
      rule: 'unit-test-coverage',
    });
  });

  it('looks back 7 days unless 30 or 90 are asked for, and leaves the default out', () => {
    expect(
      viewFromSearchParams(new URLSearchParams('days=12')).changeDays,
    ).toBe(7);
    expect(
      viewFromSearchParams(new URLSearchParams('days=90')).changeDays,
    ).toBe(90);
    expect(
      complianceSearchParams(
        {},
        { hiddenColumns: [], changeDays: 7 },
      ).toString(),
    ).toBe('');
  });
});
