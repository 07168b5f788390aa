import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { CSSProperties, ReactNode } from 'react';
import { useStickyOffsets } from './useStickyOffsets';

/**
 * One column of a {@link DataTable}.
 *
 * @public
 */
export interface DataColumn<T> {
  /** The header text; also the column's key unless `id` is given. */
  title: string;
  /** A key for the column when two columns share a title. */
  id?: string;
  /** Replaces the header text (e.g. with a button); `title` still keys the column. */
  header?: ReactNode;
  render: (row: T) => ReactNode;
  /**
   * The narrowest the column may get, as CSS (`8rem`) or pixels. Cells never
   * break inside a word; the minimum keeps short words from stacking one per
   * line when the table is squeezed.
   */
  minWidth?: number | string;
  /** A preferred CSS width such as `40%`; other columns share the rest. */
  width?: number | string;
  /** The widest the column may get; longer text wraps between words. */
  maxWidth?: number | string;
  align?: 'left' | 'right' | 'center';
  /** Keeps the cells on one line: numbers, dates, short statuses. */
  noWrap?: boolean;
  /** The cell names its row (`<th scope="row">`), e.g. the service. */
  rowHeader?: boolean;
  headerClassName?: string;
  cellClassName?: (row: T) => string | undefined;
}

/**
 * Props of {@link DataTable}.
 *
 * @public
 */
export interface DataTableProps<T> {
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** The table's accessible name, e.g. `Deployments`. */
  ariaLabel: string;
  /** Keeps the header row in view while the body scrolls under it. */
  stickyHeader?: boolean;
  /**
   * With `stickyHeader`: the height after which the body scrolls under the
   * header (default `70vh`).
   */
  maxHeight?: number | string;
  /** How many leading columns stay in view when the table scrolls sideways. */
  stickyColumns?: number;
  /** Shown in a row of its own when there are no rows. */
  empty?: ReactNode;
  size?: 'small' | 'medium';
  /** Highlights the row under the pointer (default true). */
  hover?: boolean;
  className?: string;
}

const useStyles = makeStyles(
  theme => ({
    container: {
      overflowX: 'auto',
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.primary.main}`,
        outlineOffset: -2,
      },
    },
    table: {
      '& th, & td': {
        lineHeight: 1.43,
      },
      '& th *, & td *': {
        overflowWrap: 'inherit',
        wordBreak: 'inherit',
      },
      // A chip's label clips with an ellipsis, so a squeezed column would
      // show "Bloc…"; in a table the column takes the chip's width instead.
      '& .MuiChip-root': {
        maxWidth: 'none',
      },
      '& .MuiChip-label': {
        overflow: 'visible',
        textOverflow: 'clip',
      },
    },
    head: {
      fontWeight: theme.typography.fontWeightBold as number,
      verticalAlign: 'bottom',
    },
    cell: {
      verticalAlign: 'top',
    },
    rowHeader: {
      fontWeight: 'inherit',
    },
    noWrap: {
      whiteSpace: 'nowrap',
    },
    sticky: {
      position: 'sticky',
      zIndex: 1,
      backgroundColor: theme.palette.background.paper,
    },
    stickyHead: {
      zIndex: 3,
    },
    lastSticky: {
      boxShadow: `inset -1px 0 0 ${theme.palette.divider}`,
    },
  }),
  { name: 'ReleaseScorecardDataTable' },
);

/**
 * Every cell lays out by its content and never breaks inside a word. The
 * Backstage theme gives table cells `word-break: break-word` and `overflow:
 * hidden`, which let the auto layout squeeze a column until its words split
 * mid-token ("LaunchDar kly"); too wide a table scrolls sideways instead.
 * Inline, so that no theme override or style sheet order can undo it.
 */
const WHOLE_WORDS: CSSProperties = {
  overflowWrap: 'normal',
  wordBreak: 'keep-all',
  hyphens: 'manual',
  overflow: 'visible',
};

const toCss = (value: number | string | undefined) =>
  typeof value === 'number' ? `${value}px` : value;

function columnStyle<T>(column: DataColumn<T>): CSSProperties {
  return {
    ...WHOLE_WORDS,
    minWidth: toCss(column.minWidth),
    width: toCss(column.width),
    maxWidth: toCss(column.maxWidth),
  };
}

const columnKey = <T,>(column: DataColumn<T>) => column.id ?? column.title;

/**
 * The table of the Release Scorecard plugins: a dense, read-only table whose
 * cells wrap between words only, with minimum column widths, a sideways
 * scroll when it does not fit, and optionally a sticky header and sticky
 * first columns.
 *
 * @public
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const {
    columns,
    rows,
    rowKey,
    ariaLabel,
    stickyHeader = false,
    maxHeight = '70vh',
    stickyColumns = 0,
    empty,
    size = 'small',
    hover = true,
    className,
  } = props;
  const classes = useStyles();
  const sticky = Math.min(stickyColumns, columns.length);
  const { tableRef, offsets, overflowing } = useStickyOffsets(sticky);

  const stickyStyle = (index: number): CSSProperties | undefined =>
    index < sticky ? { left: offsets[index] ?? 0 } : undefined;
  // MUI v4's sticky header cells also stick at `left: 0`, so that columns
  // scrolled out to the left would pile up over the first one.
  const headerStickyStyle = (index: number): CSSProperties | undefined =>
    stickyStyle(index) ?? (stickyHeader ? { left: 'auto' } : undefined);
  const stickyClass = (index: number) =>
    index < sticky
      ? `${classes.sticky} ${index === sticky - 1 ? classes.lastSticky : ''}`
      : '';

  return (
    <TableContainer
      className={`${classes.container} ${className ?? ''}`}
      style={stickyHeader ? { maxHeight } : undefined}
      data-testid="scorecard-table-scroll"
      // A region that scrolls must be reachable by keyboard; one that does
      // not scroll stays out of the tab order.
      {...(overflowing && {
        tabIndex: 0,
        role: 'region',
        'aria-label': `${ariaLabel} (scrolls sideways)`,
      })}
    >
      <Table
        ref={tableRef}
        size={size}
        stickyHeader={stickyHeader}
        aria-label={ariaLabel}
        className={classes.table}
        data-testid="scorecard-table"
      >
        <TableHead>
          <TableRow>
            {columns.map((column, index) => (
              <TableCell
                key={columnKey(column)}
                scope="col"
                align={column.align}
                className={[
                  classes.head,
                  stickyClass(index),
                  index < sticky ? classes.stickyHead : '',
                  column.headerClassName ?? '',
                ].join(' ')}
                style={{
                  ...columnStyle(column),
                  ...headerStickyStyle(index),
                }}
              >
                {column.header ?? column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.length === 0 && empty !== undefined ? (
            <TableRow>
              <TableCell
                colSpan={columns.length}
                className={classes.cell}
                style={WHOLE_WORDS}
              >
                {empty}
              </TableCell>
            </TableRow>
          ) : (
            rows.map(row => (
              <TableRow key={rowKey(row)} hover={hover}>
                {columns.map((column, index) => (
                  <TableCell
                    key={columnKey(column)}
                    align={column.align}
                    {...(column.rowHeader && {
                      component: 'th',
                      scope: 'row',
                      // MUI calls every body cell a `cell`, even a `th`.
                      role: 'rowheader',
                    })}
                    className={[
                      classes.cell,
                      column.rowHeader ? classes.rowHeader : '',
                      column.noWrap ? classes.noWrap : '',
                      stickyClass(index),
                      column.cellClassName?.(row) ?? '',
                    ].join(' ')}
                    style={{
                      ...WHOLE_WORDS,
                      maxWidth: toCss(column.maxWidth),
                      ...stickyStyle(index),
                    }}
                  >
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
