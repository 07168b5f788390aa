import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { CursorPage, CursorPagination } from '../../hooks/useCursorPagination';

/**
 * Props of {@link CursorPager}.
 *
 * @public
 */
export interface CursorPagerProps {
  pagination: CursorPagination<CursorPage<unknown>>;
  pageSize: number;
  /** Names the pager's navigation landmark, e.g. `Deployments: pages`. */
  label: string;
  /** Offers these page sizes in a "Rows per page" select. */
  pageSizeOptions?: number[];
  onPageSizeChange?: (pageSize: number) => void;
}

/**
 * Where a page sits in a list: `26–50 of 60` when the total is known, else
 * the page number.
 */
export function pagePosition(options: {
  pageIndex: number;
  pageSize: number;
  itemCount: number;
  totalCount?: number;
}): string {
  const { pageIndex, pageSize, itemCount, totalCount } = options;
  if (totalCount === undefined) {
    return `Page ${pageIndex + 1}`;
  }
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + itemCount;
  return `${itemCount > 0 ? `${first}–${last}` : 0} of ${totalCount}`;
}

/**
 * Previous / next buttons for a list paged by {@link useCursorPagination},
 * with the position in the list and, optionally, the page size. It hides
 * itself when there is nothing to page through and nothing to say.
 *
 * @public
 */
export function CursorPager(props: CursorPagerProps) {
  const { pagination, pageSize, label, pageSizeOptions, onPageSizeChange } =
    props;
  const selectId = `${label.replace(/\W+/g, '-')}-page-size`;
  const page = pagination.state.value;
  const canChooseSize = Boolean(pageSizeOptions && onPageSizeChange);
  if (
    !pagination.hasPrevious &&
    !pagination.hasNext &&
    page?.totalCount === undefined &&
    !canChooseSize
  ) {
    return null;
  }
  const busy = pagination.state.loading;
  return (
    <Box
      component="nav"
      aria-label={label}
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      flexWrap="wrap"
      gridGap={8}
      paddingX={1}
      paddingY={1}
    >
      {canChooseSize && (
        <TextField
          select
          id={selectId}
          size="small"
          label="Rows per page"
          value={pageSize}
          onChange={event => onPageSizeChange!(Number(event.target.value))}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          {pageSizeOptions!.map(size => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </TextField>
      )}
      {page && (
        <Typography
          variant="body2"
          color="textSecondary"
          aria-live="polite"
          style={{ whiteSpace: 'nowrap' }}
        >
          {pagePosition({
            pageIndex: pagination.pageIndex,
            pageSize,
            itemCount: page.items.length,
            totalCount: page.totalCount,
          })}
        </Typography>
      )}
      <Button
        size="small"
        startIcon={<ChevronLeftIcon />}
        disabled={busy || !pagination.hasPrevious}
        onClick={pagination.previous}
      >
        Previous page
      </Button>
      <Button
        size="small"
        endIcon={<ChevronRightIcon />}
        disabled={busy || !pagination.hasNext}
        onClick={pagination.next}
      >
        Next page
      </Button>
    </Box>
  );
}
