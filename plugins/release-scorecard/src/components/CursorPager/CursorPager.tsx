import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';

/**
 * Previous / next buttons for a cursor-paginated list, with the range shown
 * (`51–100 of 230`) when the total is known, else the page number.
 */
export function CursorPager(props: {
  pageIndex: number;
  pageSize: number;
  itemCount: number;
  totalCount?: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  label?: string;
}) {
  const {
    pageIndex,
    pageSize,
    itemCount,
    totalCount,
    hasPrevious,
    hasNext,
    onPrevious,
    onNext,
    label = 'Pages',
  } = props;
  if (!hasPrevious && !hasNext && totalCount === undefined) {
    return null;
  }
  const first = pageIndex * pageSize + 1;
  const last = pageIndex * pageSize + itemCount;
  const position =
    totalCount !== undefined
      ? `${itemCount > 0 ? `${first}–${last}` : 0} of ${totalCount}`
      : `Page ${pageIndex + 1}`;
  return (
    <Box
      component="nav"
      aria-label={label}
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      gridGap={8}
      paddingY={1}
    >
      <Typography variant="body2" color="textSecondary" aria-live="polite">
        {position}
      </Typography>
      <Button
        size="small"
        startIcon={<ChevronLeftIcon />}
        disabled={!hasPrevious}
        onClick={onPrevious}
      >
        Previous page
      </Button>
      <Button
        size="small"
        endIcon={<ChevronRightIcon />}
        disabled={!hasNext}
        onClick={onNext}
      >
        Next page
      </Button>
    </Box>
  );
}
