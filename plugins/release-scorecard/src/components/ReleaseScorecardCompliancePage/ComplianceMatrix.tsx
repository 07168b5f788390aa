import { EntityRefLink } from '@backstage/plugin-catalog-react';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles, Theme } from '@material-ui/core/styles';
import {
  ComplianceResponse,
  ComplianceRow,
} from '@internal/plugin-release-scorecard-common';
import {
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';
import { describeFailingSince } from '../../failingSince';
import {
  formatDateTime,
  formatPercentFigure,
  formatScore,
  shortEntityName,
} from '../../format';
import { statusWords } from '../../ruleStatus';
import { BAD, GOOD, ReadinessChip, RuleStatusIcon } from '../StatusChips';

export type RuleColumn = ComplianceResponse['rules'][number];

/** The tints of cells that got worse or better: strong enough to see on a dark card too. */
export function changeTint(theme: Theme, change: 'worse' | 'better') {
  const color = change === 'worse' ? BAD : GOOD;
  const strength = theme.palette.type === 'dark' ? 0.4 : 0.16;
  return {
    // An image layers over the sticky cells' opaque background colour.
    backgroundImage: `linear-gradient(${alpha(color, strength)}, ${alpha(
      color,
      strength,
    )})`,
    boxShadow: `inset 3px 0 0 ${color}`,
  };
}

const useStyles = makeStyles(theme => ({
  ruleButton: {
    display: 'block',
    minWidth: 104,
    maxWidth: 168,
    font: 'inherit',
    color: 'inherit',
    textAlign: 'center',
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.5),
    '&:hover, &:focus-visible': {
      backgroundColor: theme.palette.action.hover,
    },
  },
  selectedRule: {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: -2,
  },
  ruleTitle: {
    fontWeight: theme.typography.fontWeightMedium as number,
    lineHeight: 1.3,
  },
  statusCell: {
    textAlign: 'center',
    verticalAlign: 'middle',
  },
  worse: changeTint(theme, 'worse'),
  better: changeTint(theme, 'better'),
  changeMark: {
    fontSize: '0.7rem',
    fontWeight: 700,
    marginLeft: 2,
  },
}));

function RuleHeader(props: {
  rule: RuleColumn;
  selected: boolean;
  onSelect: (ruleId: string) => void;
}) {
  const { rule, selected, onSelect } = props;
  const classes = useStyles();
  return (
    <ButtonBase
      className={`${classes.ruleButton} ${
        selected ? classes.selectedRule : ''
      }`}
      onClick={() => onSelect(rule.id)}
      aria-pressed={selected}
      aria-label={`${rule.title}: ${formatPercentFigure(
        rule.compliancePercent,
      )} compliant. ${
        selected ? 'Show every service' : 'Show the services that fail it'
      }`}
      data-testid={`rule-column-${rule.id}`}
    >
      <Typography
        variant="caption"
        component="span"
        display="block"
        className={classes.ruleTitle}
      >
        {rule.title}
      </Typography>
      <Typography variant="subtitle2" component="span" display="block">
        {formatPercentFigure(rule.compliancePercent)}
      </Typography>
    </ButtonBase>
  );
}

type WeeklyChange = 'worse' | 'better' | 'none';

function weeklyChangeOf(row: ComplianceRow, ruleId: string): WeeklyChange {
  if (row.regressions.includes(ruleId)) {
    return 'worse';
  }
  return row.improvements.includes(ruleId) ? 'better' : 'none';
}

const CHANGE_WORDS: Record<WeeklyChange, string> = {
  worse: '; worse than a week ago',
  better: '; better than a week ago',
  none: '',
};

/**
 * What a cell says, for its tooltip and for assistive technology:
 * `pricing-engine: Unit test coverage… — fail, failing since 3 Nov
 * (3 Nov 2026, 09:00); worse than a week ago`.
 */
export function statusCellLabel(row: ComplianceRow, rule: RuleColumn): string {
  const name = row.title ?? shortEntityName(row.entityRef);
  const status = row.rules[rule.id];
  if (!status) {
    return `${name}: ${rule.title} — not evaluated`;
  }
  const since = row.failingSince[rule.id];
  const sinceWords = since
    ? `, ${describeFailingSince(since)} (${formatDateTime(since.at)})`
    : '';
  return `${name}: ${rule.title} — ${statusWords(status)}${sinceWords}${
    CHANGE_WORDS[weeklyChangeOf(row, rule.id)]
  }`;
}

function StatusCell(props: { row: ComplianceRow; rule: RuleColumn }) {
  const { row, rule } = props;
  const classes = useStyles();
  const status = row.rules[rule.id];
  if (!status) {
    return (
      <span role="img" aria-label={statusCellLabel(row, rule)}>
        —
      </span>
    );
  }
  const change = weeklyChangeOf(row, rule.id);
  return (
    <>
      {/* The icon's title is the cell's tooltip, failing since included. */}
      <RuleStatusIcon status={status} label={statusCellLabel(row, rule)} />
      {change === 'worse' && (
        <span className={classes.changeMark} style={{ color: BAD }} aria-hidden>
          ▼
        </span>
      )}
      {change === 'better' && (
        <span
          className={classes.changeMark}
          style={{ color: GOOD }}
          aria-hidden
        >
          ▲
        </span>
      )}
    </>
  );
}

/** The columns that are not rules, in order; each can be hidden. */
export const DETAIL_COLUMNS = [
  { id: 'owner', title: 'Owner' },
  { id: 'readiness', title: 'Readiness' },
  { id: 'score', title: 'Score' },
  { id: 'level', title: 'Level' },
] as const;

export const ruleColumnId = (ruleId: string) => `rule:${ruleId}`;

/**
 * Services × rules: one row per entity with its readiness, score and the
 * status of each rule; column headers carry each rule's title and
 * compliance. The service stays in view when the table scrolls sideways,
 * and so does the rule the view is filtered by, right next to it. Cells
 * whose status got worse (better) in the last 7 days are tinted.
 */
export function ComplianceMatrix(props: {
  rows: ComplianceRow[];
  rules: RuleColumn[];
  selectedRule?: string;
  onSelectRule: (ruleId: string) => void;
  ownerLabel: (ownerRef: string) => string;
  hiddenColumns: string[];
}) {
  const { rows, rules, selectedRule, onSelectRule, ownerLabel } = props;
  const classes = useStyles();
  const hidden = new Set(props.hiddenColumns);
  const pinned = rules.find(rule => rule.id === selectedRule);

  const ruleColumn = (rule: RuleColumn): DataColumn<ComplianceRow> => ({
    id: ruleColumnId(rule.id),
    title: rule.title,
    header: (
      <RuleHeader
        rule={rule}
        selected={rule.id === selectedRule}
        onSelect={onSelectRule}
      />
    ),
    render: row => <StatusCell row={row} rule={rule} />,
    align: 'center',
    headerClassName: classes.statusCell,
    cellClassName: row => {
      const change = weeklyChangeOf(row, rule.id);
      return `${classes.statusCell} ${
        change === 'none' ? '' : classes[change]
      }`;
    },
  });

  const detailColumns: Record<
    (typeof DETAIL_COLUMNS)[number]['id'],
    DataColumn<ComplianceRow>
  > = {
    owner: {
      id: 'owner',
      title: 'Owner',
      render: row => (row.owner ? ownerLabel(row.owner) : '—'),
      minWidth: 120,
    },
    readiness: {
      id: 'readiness',
      title: 'Readiness',
      render: row => <ReadinessChip status={row.readiness} />,
      noWrap: true,
    },
    score: {
      id: 'score',
      title: 'Score',
      render: row => (
        <>
          {formatScore(row.score)}
          <Typography variant="caption" color="textSecondary" display="block">
            {row.ruleCoverage.withData} of {row.ruleCoverage.applicable} rules
            have data
          </Typography>
        </>
      ),
      minWidth: 120,
    },
    level: {
      id: 'level',
      title: 'Level',
      render: row => (
        <span style={{ textTransform: 'capitalize' }}>{row.level ?? '—'}</span>
      ),
      noWrap: true,
    },
  };

  const columns: DataColumn<ComplianceRow>[] = [
    {
      id: 'service',
      title: 'Service',
      rowHeader: true,
      minWidth: 180,
      render: row => (
        <>
          <EntityRefLink entityRef={row.entityRef} disableTooltip>
            {row.title ?? shortEntityName(row.entityRef)}
          </EntityRefLink>
          <Typography variant="caption" color="textSecondary" display="block">
            {[row.kind, row.type, row.lifecycle].filter(Boolean).join(' · ')}
          </Typography>
        </>
      ),
    },
    ...(pinned ? [ruleColumn(pinned)] : []),
    ...DETAIL_COLUMNS.filter(column => !hidden.has(column.id)).map(
      column => detailColumns[column.id],
    ),
    ...rules
      .filter(rule => rule !== pinned && !hidden.has(ruleColumnId(rule.id)))
      .map(ruleColumn),
  ];

  return (
    <DataTable<ComplianceRow>
      columns={columns}
      rows={rows}
      rowKey={row => row.entityRef}
      ariaLabel="Services and rules"
      stickyHeader
      maxHeight="70vh"
      stickyColumns={pinned ? 2 : 1}
    />
  );
}
