import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';

export interface DataColumn<T> {
  title: string;
  render: (row: T) => ReactNode;
  /** A CSS width such as `12%` or `200px`; other columns share the rest. */
  width?: string;
  align?: 'left' | 'right' | 'center';
}

const useStyles = makeStyles(theme => ({
  head: {
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  cell: {
    verticalAlign: 'top',
  },
}));

/**
 * A dense, read-only table: a header row of column titles and one row per
 * item. Cells lay out by their content, so long texts wrap where there is
 * room instead of in equal-width columns.
 */
export function DataTable<T>(props: {
  columns: DataColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  ariaLabel: string;
}) {
  const { columns, rows, rowKey, ariaLabel } = props;
  const classes = useStyles();
  return (
    <TableContainer>
      <Table size="small" aria-label={ariaLabel}>
        <TableHead>
          <TableRow>
            {columns.map(column => (
              <TableCell
                key={column.title}
                scope="col"
                align={column.align}
                className={classes.head}
                style={column.width ? { width: column.width } : undefined}
              >
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={rowKey(row)} hover>
              {columns.map(column => (
                <TableCell
                  key={column.title}
                  align={column.align}
                  className={classes.cell}
                >
                  {column.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
