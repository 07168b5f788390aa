import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import {
  meetsRule,
  RuleStatusChange,
} from '@internal/plugin-release-scorecard-common';
import {
  AsyncView,
  CursorPagination,
  CursorPager,
} from '@internal/plugin-release-scorecard-react';
import { ComplianceFilter } from '../../api';
import { CHANGE_PERIODS, ChangePeriod } from '../../complianceSearchParams';
import {
  formatDateTime,
  formatRelativeTime,
  shortEntityName,
} from '../../format';
import { directionOf } from '../../ruleStatus';
import {
  BAD,
  GOOD,
  RULE_STATUS_LABELS,
  RuleStatusChip,
  StatusChip,
} from '../StatusChips';

const useStyles = makeStyles(theme => ({
  regression: {
    borderLeft: `4px solid ${BAD}`,
    backgroundColor: alpha(BAD, theme.palette.type === 'dark' ? 0.2 : 0.08),
  },
  improvement: {
    borderLeft: `4px solid ${GOOD}`,
  },
  unchanged: {
    borderLeft: `4px solid ${theme.palette.divider}`,
  },
  change: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  period: {
    minWidth: 120,
    margin: theme.spacing(1, 1, 0, 0),
  },
}));

export const CHANGES_PAGE_SIZE = 8;

/**
 * What a change did to the rule, in words. Between two statuses that both
 * miss the rule (fail → no data, no data → fail) nothing got better or
 * worse: the rule was not met and still is not (docs/scoring.md).
 */
export function changeVerdict(change: Pick<RuleStatusChange, 'from' | 'to'>): {
  label: string;
  color?: string;
} {
  const direction = directionOf(change);
  if (direction === 'worse') {
    return { label: 'Got worse', color: BAD };
  }
  if (direction === 'better') {
    return { label: 'Got better', color: GOOD };
  }
  if (change.from === null) {
    return { label: 'First evaluation' };
  }
  return { label: meetsRule(change.to) ? 'Still met' : 'Still not met' };
}

/** `Changes of Unit test coverage… into Fail`: what the feed is narrowed to. */
function narrowedTo(
  filter: ComplianceFilter,
  ruleTitle: (ruleId: string) => string,
): string | undefined {
  const parts = [
    filter.rule && `of ${ruleTitle(filter.rule)}`,
    filter.status && `into ${RULE_STATUS_LABELS[filter.status]}`,
  ].filter(Boolean);
  return parts.length > 0
    ? `Only changes ${parts.join(' ')}, of the services that match the filters`
    : 'Of the services that match the filters';
}

/**
 * Rule status changes of the filtered services over the chosen period,
 * narrowed to the filtered rule and to changes into the filtered status;
 * regressions stand out.
 */
export function RecentChanges(props: {
  pages: CursorPagination<{ items: RuleStatusChange[]; nextCursor?: string }>;
  ruleTitle: (ruleId: string) => string;
  filter: ComplianceFilter;
  days: ChangePeriod;
  onDaysChange: (days: ChangePeriod) => void;
}) {
  const { pages, ruleTitle, filter, days, onDaysChange } = props;
  const classes = useStyles();
  return (
    <InfoCard
      title={`Changes in the last ${days} days`}
      subheader={narrowedTo(filter, ruleTitle)}
      action={
        <TextField
          select
          id="compliance-changes-period"
          size="small"
          variant="outlined"
          label="Period"
          className={classes.period}
          value={days}
          onChange={event =>
            onDaysChange(Number(event.target.value) as ChangePeriod)
          }
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          {CHANGE_PERIODS.map(period => (
            <option key={period} value={period}>
              {period} days
            </option>
          ))}
        </TextField>
      }
    >
      <AsyncView state={pages.state}>
        {page =>
          page.items.length === 0 && !pages.hasPrevious ? (
            <Typography variant="body2" color="textSecondary">
              No rule changed status in the last {days} days.
            </Typography>
          ) : (
            <>
              <List dense disablePadding aria-label="Rule status changes">
                {page.items.map(change => {
                  const direction = directionOf(change);
                  const verdict = changeVerdict(change);
                  return (
                    <ListItem
                      key={`${change.entityRef}:${change.ruleId}:${change.changedAt}`}
                      className={
                        {
                          worse: classes.regression,
                          better: classes.improvement,
                          same: classes.unchanged,
                        }[direction]
                      }
                    >
                      <ListItemText
                        primary={
                          <span className={classes.change}>
                            <StatusChip
                              label={verdict.label}
                              color={verdict.color}
                            />
                            <EntityRefLink
                              entityRef={change.entityRef}
                              disableTooltip
                            >
                              {shortEntityName(change.entityRef)}
                            </EntityRefLink>
                            <span>{ruleTitle(change.ruleId)}:</span>
                            {change.from && (
                              <RuleStatusChip status={change.from} />
                            )}
                            <span role="img" aria-label="to">
                              →
                            </span>
                            <RuleStatusChip status={change.to} />
                          </span>
                        }
                        secondary={
                          <span title={formatDateTime(change.changedAt)}>
                            {formatRelativeTime(change.changedAt)}
                          </span>
                        }
                      />
                    </ListItem>
                  );
                })}
              </List>
              <CursorPager
                pagination={pages}
                pageSize={CHANGES_PAGE_SIZE}
                label="Changes: pages"
              />
            </>
          )
        }
      </AsyncView>
    </InfoCard>
  );
}
