import {
  filterFromSearchParams,
  filterToSearchParams,
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
