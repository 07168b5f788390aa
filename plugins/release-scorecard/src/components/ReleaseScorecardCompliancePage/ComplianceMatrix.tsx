import { EntityRefLink } from '@backstage/plugin-catalog-react';
import ButtonBase from '@material-ui/core/ButtonBase';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import {
  ComplianceResponse,
  ComplianceRow,
} from '@internal/plugin-release-scorecard-common';
import {
  formatPercentFigure,
  formatScore,
  shortEntityName,
} from '../../format';
import { statusWords } from '../../ruleStatus';
import { BreakableText } from '../BreakableText';
import { BAD, GOOD, ReadinessChip, RuleStatusIcon } from '../StatusChips';

const useStyles = makeStyles(theme => ({
  container: {
    maxHeight: '70vh',
  },
  serviceCell: {
    position: 'sticky',
    left: 0,
    zIndex: 2,
    backgroundColor: theme.palette.background.paper,
    minWidth: 200,
  },
  serviceHead: {
    zIndex: 3,
  },
  ruleHead: {
    minWidth: 112,
    maxWidth: 150,
    verticalAlign: 'bottom',
    textAlign: 'center',
  },
  ruleButton: {
    display: 'block',
    width: '100%',
    font: 'inherit',
    color: 'inherit',
    textAlign: 'center',
    // Rule ids wrap after their hyphens, never inside a word.
    wordBreak: 'normal',
    overflowWrap: 'normal',
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.5),
    '&:hover, &:focus-visible': {
      backgroundColor: theme.palette.action.hover,
    },
  },
  statusCell: {
    textAlign: 'center',
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
  regressed: {
    backgroundColor: alpha(BAD, 0.14),
  },
  improved: {
    backgroundColor: alpha(GOOD, 0.12),
  },
  changeMark: {
    fontSize: '0.7rem',
    fontWeight: 700,
    marginLeft: 2,
  },
}));

type RuleColumn = ComplianceResponse['rules'][number];

function RuleHeader(props: {
  rule: RuleColumn;
  selected: boolean;
  onSelect: (ruleId: string) => void;
}) {
  const { rule, selected, onSelect } = props;
  const classes = useStyles();
  return (
    <TableCell className={classes.ruleHead} scope="col" title={rule.title}>
      <ButtonBase
        className={classes.ruleButton}
        onClick={() => onSelect(rule.id)}
        aria-pressed={selected}
        aria-label={`${rule.title}: ${formatPercentFigure(
          rule.compliancePercent,
        )} compliant. ${
          selected ? 'Show every service' : 'Show the services that fail it'
        }`}
      >
        <Typography variant="caption" component="span" display="block">
          <BreakableText text={rule.id} />
        </Typography>
        <Typography variant="subtitle2" component="span" display="block">
          {formatPercentFigure(rule.compliancePercent)}
        </Typography>
      </ButtonBase>
    </TableCell>
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
  worse: ', worse than a week ago',
  better: ', better than a week ago',
  none: '',
};

function StatusCell(props: { row: ComplianceRow; rule: RuleColumn }) {
  const { row, rule } = props;
  const classes = useStyles();
  const status = row.rules[rule.id];
  const name = shortEntityName(row.entityRef);
  if (!status) {
    return (
      <TableCell className={classes.statusCell}>
        <span aria-label={`${name}: ${rule.id} — not evaluated`}>—</span>
      </TableCell>
    );
  }
  const change = weeklyChangeOf(row, rule.id);
  const highlight = {
    worse: classes.regressed,
    better: classes.improved,
    none: '',
  }[change];
  return (
    <TableCell className={`${classes.statusCell} ${highlight}`}>
      <RuleStatusIcon
        status={status}
        label={`${name}: ${rule.id} — ${statusWords(status)}${
          CHANGE_WORDS[change]
        }`}
      />
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
    </TableCell>
  );
}

/**
 * Services × rules: one row per entity with its readiness, score and the
 * status of each rule; column headers carry each rule's compliance.
 * Cells whose status got worse (better) in the last 7 days are highlighted.
 */
export function ComplianceMatrix(props: {
  rows: ComplianceRow[];
  rules: RuleColumn[];
  selectedRule?: string;
  onSelectRule: (ruleId: string) => void;
  ownerLabel: (ownerRef: string) => string;
}) {
  const { rows, rules, selectedRule, onSelectRule, ownerLabel } = props;
  const classes = useStyles();
  return (
    <TableContainer className={classes.container}>
      <Table size="small" stickyHeader aria-label="Services and rules">
        <TableHead>
          <TableRow>
            <TableCell
              scope="col"
              className={`${classes.serviceCell} ${classes.serviceHead}`}
            >
              Service
            </TableCell>
            <TableCell scope="col" className={classes.nowrap}>
              Owner
            </TableCell>
            <TableCell scope="col" className={classes.nowrap}>
              Readiness
            </TableCell>
            <TableCell scope="col" className={classes.nowrap}>
              Score
            </TableCell>
            <TableCell scope="col" className={classes.nowrap}>
              Level
            </TableCell>
            {rules.map(rule => (
              <RuleHeader
                key={rule.id}
                rule={rule}
                selected={rule.id === selectedRule}
                onSelect={onSelectRule}
              />
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.entityRef} hover>
              <TableCell
                scope="row"
                component="th"
                className={classes.serviceCell}
              >
                <EntityRefLink entityRef={row.entityRef} disableTooltip>
                  {row.title ?? shortEntityName(row.entityRef)}
                </EntityRefLink>
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {[row.kind, row.type, row.lifecycle]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography>
              </TableCell>
              <TableCell className={classes.nowrap}>
                {row.owner ? ownerLabel(row.owner) : '—'}
              </TableCell>
              <TableCell>
                <ReadinessChip status={row.readiness} />
              </TableCell>
              <TableCell className={classes.nowrap}>
                {formatScore(row.score)}
              </TableCell>
              <TableCell
                className={classes.nowrap}
                style={{ textTransform: 'capitalize' }}
              >
                {row.level ?? '—'}
              </TableCell>
              {rules.map(rule => (
                <StatusCell key={rule.id} row={row} rule={rule} />
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
