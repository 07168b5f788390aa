import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { CursorPage, useCursorPagination } from '../../hooks';
import { CursorPagedTable } from './CursorPagedTable';
import { CursorPager } from './CursorPager';

interface Deployment {
  id: string;
}

/** Three pages of two deployments (five in all): d1..d5, cursors `c2`, `c3`. */
async function loadDeployments(
  cursor: string | undefined,
): Promise<CursorPage<Deployment>> {
  const page = cursor ? Number(cursor.slice(1)) : 1;
  const ids = [2 * page - 1, 2 * page].filter(n => n <= 5);
  return {
    items: ids.map(n => ({ id: `d${n}` })),
    nextCursor: page < 3 ? `c${page + 1}` : undefined,
  };
}

function Deployments(props: {
  load: (cursor?: string) => Promise<CursorPage<Deployment>>;
  resetKey?: string;
}) {
  const pages = useCursorPagination(props.load, props.resetKey ?? 'all');
  return (
    <CursorPagedTable<Deployment>
      pages={pages}
      pageSize={2}
      title="Deployments"
      columns={[{ title: 'Deployment', render: d => d.id }]}
      rowKey={d => d.id}
      empty={<p>No deployments yet.</p>}
    />
  );
}

const shownIds = () =>
  within(screen.getByRole('table', { name: 'Deployments' }))
    .getAllByRole('cell')
    .map(cell => cell.textContent);

describe('CursorPagedTable', () => {
  it('pages forward with the cursor the API handed out, and back', async () => {
    const load = jest.fn(loadDeployments);
    await renderInTestApp(<Deployments load={load} />);

    await waitFor(() => expect(shownIds()).toEqual(['d1', 'd2']));
    const pager = screen.getByRole('navigation', {
      name: 'Deployments: pages',
    });
    expect(pager).toHaveTextContent('Page 1');
    expect(
      within(pager).getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(shownIds()).toEqual(['d3', 'd4']));
    expect(load).toHaveBeenLastCalledWith('c2');

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(shownIds()).toEqual(['d5']));
    expect(load).toHaveBeenLastCalledWith('c3');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    expect(
      screen.getByRole('navigation', { name: 'Deployments: pages' }),
    ).toHaveTextContent('Page 3');

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await waitFor(() => expect(shownIds()).toEqual(['d3', 'd4']));
    expect(load).toHaveBeenLastCalledWith('c2');
  });

  it('starts from the first page when the reset key changes', async () => {
    const load = jest.fn(loadDeployments);
    function WithFilter() {
      const [filter, setFilter] = useState('all');
      return (
        <>
          <button onClick={() => setFilter('production')}>Production</button>
          <Deployments load={load} resetKey={filter} />
        </>
      );
    }
    await renderInTestApp(<WithFilter />);
    await waitFor(() => expect(shownIds()).toEqual(['d1', 'd2']));
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(shownIds()).toEqual(['d3', 'd4']));

    await userEvent.click(screen.getByRole('button', { name: 'Production' }));

    await waitFor(() => expect(shownIds()).toEqual(['d1', 'd2']));
    expect(load).toHaveBeenLastCalledWith(undefined);
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();
  });

  it('shows the empty state instead of an empty table, and no pager', async () => {
    await renderInTestApp(<Deployments load={async () => ({ items: [] })} />);

    expect(await screen.findByText('No deployments yet.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('shows the error of the request', async () => {
    await renderInTestApp(
      <Deployments
        load={async () => {
          throw new Error('Request failed with 503');
        }}
      />,
    );

    expect(
      (await screen.findAllByText(/Request failed with 503/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('CursorPager', () => {
  function Flags(props: { totalCount: number }) {
    const [pageSize, setPageSize] = useState(25);
    const pages = useCursorPagination(
      async cursor => ({
        items: Array.from({ length: cursor ? 5 : pageSize }, (_, i) => i),
        nextCursor: cursor ? undefined : 'next',
        totalCount: props.totalCount,
      }),
      String(pageSize),
    );
    return (
      <>
        <output aria-label="page size">{pageSize}</output>
        <CursorPager
          pagination={pages}
          pageSize={pageSize}
          label="Flags: pages"
          pageSizeOptions={[25, 50, 100]}
          onPageSizeChange={setPageSize}
        />
      </>
    );
  }

  it('shows the range of the page within the total and offers page sizes', async () => {
    await renderInTestApp(<Flags totalCount={130} />);

    const pager = await screen.findByRole('navigation', {
      name: 'Flags: pages',
    });
    await waitFor(() => expect(pager).toHaveTextContent('1–25 of 130'));

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(pager).toHaveTextContent('26–30 of 130'));

    await userEvent.selectOptions(
      within(pager).getByRole('combobox', { name: 'Rows per page' }),
      '50',
    );
    expect(screen.getByRole('status', { name: 'page size' })).toHaveTextContent(
      '50',
    );
    await waitFor(() => expect(pager).toHaveTextContent('1–50 of 130'));
  });
});
