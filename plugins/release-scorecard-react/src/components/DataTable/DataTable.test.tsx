import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { DataColumn, DataTable } from './DataTable';

interface Flag {
  key: string;
  provider: string;
  age: number;
}

const flags: Flag[] = [
  { key: 'new-checkout', provider: 'LaunchDarkly', age: 52 },
  { key: 'kill-payments', provider: 'Unleash', age: 400 },
];

const columns: DataColumn<Flag>[] = [
  { title: 'Flag', render: flag => flag.key, rowHeader: true, minWidth: 160 },
  { title: 'Provider', render: flag => flag.provider, minWidth: '8rem' },
  {
    title: 'Age',
    render: flag => `${flag.age} days`,
    align: 'right',
    noWrap: true,
  },
];

describe('DataTable', () => {
  it('is a table named for assistive technology, with column and row headers', async () => {
    await renderInTestApp(
      <DataTable
        columns={columns}
        rows={flags}
        rowKey={flag => flag.key}
        ariaLabel="Feature flags"
      />,
    );

    const table = screen.getByRole('table', { name: 'Feature flags' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual(['Flag', 'Provider', 'Age']);
    const [, first, second] = within(table).getAllByRole('row');
    expect(within(first).getByRole('rowheader')).toHaveTextContent(
      'new-checkout',
    );
    expect(
      within(first)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(['LaunchDarkly', '52 days']);
    expect(within(second).getByRole('rowheader')).toHaveTextContent(
      'kill-payments',
    );
  });

  it('never breaks inside a word and keeps columns at their minimum width', async () => {
    await renderInTestApp(
      <DataTable
        columns={columns}
        rows={flags}
        rowKey={flag => flag.key}
        ariaLabel="Feature flags"
      />,
    );

    const table = screen.getByRole('table', { name: 'Feature flags' });
    const provider = within(table).getByRole('cell', { name: 'LaunchDarkly' });
    expect(getComputedStyle(provider).wordBreak).toBe('keep-all');
    expect(getComputedStyle(provider).overflowWrap).toBe('normal');
    expect(getComputedStyle(provider).whiteSpace).not.toBe('nowrap');
    expect(
      getComputedStyle(within(table).getByRole('cell', { name: '52 days' }))
        .whiteSpace,
    ).toBe('nowrap');
    expect(
      within(table).getByRole('columnheader', { name: 'Flag' }),
    ).toHaveStyle({ minWidth: '160px' });
    expect(
      within(table).getByRole('columnheader', { name: 'Provider' }),
    ).toHaveStyle({ minWidth: '8rem' });
    expect(screen.getByTestId('scorecard-table-scroll')).toHaveStyle({
      overflowX: 'auto',
    });
  });

  it('keeps the header and the first columns in place when asked to', async () => {
    await renderInTestApp(
      <DataTable
        columns={columns}
        rows={flags}
        rowKey={flag => flag.key}
        ariaLabel="Feature flags"
        stickyHeader
        maxHeight={400}
        stickyColumns={2}
      />,
    );

    const table = screen.getByRole('table', { name: 'Feature flags' });
    const [flagHead, providerHead, ageHead] =
      within(table).getAllByRole('columnheader');
    expect(flagHead).toHaveStyle({ position: 'sticky', left: '0px' });
    expect(providerHead).toHaveStyle({ position: 'sticky' });
    expect(ageHead).toHaveStyle({ position: 'sticky', top: '0px' });
    // Sticky to the top only: it scrolls sideways with its column.
    expect(ageHead).toHaveStyle({ left: 'auto' });
    expect(
      getComputedStyle(
        within(table).getByRole('rowheader', { name: 'new-checkout' }),
      ).position,
    ).toBe('sticky');
    expect(
      getComputedStyle(
        within(table).getByRole('cell', { name: 'LaunchDarkly' }),
      ).position,
    ).toBe('sticky');
    expect(
      getComputedStyle(within(table).getByRole('cell', { name: '52 days' }))
        .position,
    ).not.toBe('sticky');
    expect(screen.getByTestId('scorecard-table-scroll')).toHaveStyle({
      maxHeight: '400px',
    });
  });

  it('scrolls nothing sticky by default', async () => {
    await renderInTestApp(
      <DataTable
        columns={columns}
        rows={flags}
        rowKey={flag => flag.key}
        ariaLabel="Feature flags"
      />,
    );

    const table = screen.getByRole('table', { name: 'Feature flags' });
    for (const header of within(table).getAllByRole('columnheader')) {
      expect(getComputedStyle(header).position).not.toBe('sticky');
    }
  });

  it('says so in one row when there is no row', async () => {
    await renderInTestApp(
      <DataTable
        columns={columns}
        rows={[]}
        rowKey={flag => flag.key}
        ariaLabel="Feature flags"
        empty="No flags match the filters."
      />,
    );

    const table = screen.getByRole('table', { name: 'Feature flags' });
    const cell = within(table).getByRole('cell', {
      name: 'No flags match the filters.',
    });
    expect(cell).toHaveAttribute('colspan', '3');
  });
});
