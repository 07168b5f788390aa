import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { alpha, makeStyles } from '@material-ui/core/styles';
import { RuleStatusChange } from '@internal/plugin-release-scorecard-common';
import {
  formatDateTime,
  formatRelativeTime,
  shortEntityName,
} from '../../format';
import { directionOf } from '../../ruleStatus';
import { CursorPagination, CursorPager } from '../CursorPager';
import { AsyncView } from '../AsyncView';
import { BAD, GOOD, RuleStatusChip, StatusChip } from '../StatusChips';

const useStyles = makeStyles(theme => ({
  regression: {
    borderLeft: `4px solid ${BAD}`,
    backgroundColor: alpha(BAD, 0.08),
  },
  improvement: {
    borderLeft: `4px solid ${GOOD}`,
  },
  change: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

export const CHANGES_PAGE_SIZE = 8;

/** Rule status changes in the last 7 days; regressions stand out. */
export function RecentChanges(props: {
  pages: CursorPagination<{ items: RuleStatusChange[]; nextCursor?: string }>;
  ruleTitle: (ruleId: string) => string;
}) {
  const { pages, ruleTitle } = props;
  const classes = useStyles();
  return (
    <InfoCard title="Changes in the last 7 days">
      <AsyncView state={pages.state}>
        {page =>
          page.items.length === 0 && !pages.hasPrevious ? (
            <Typography variant="body2" color="textSecondary">
              No rule changed status in the last 7 days.
            </Typography>
          ) : (
            <>
              <List dense disablePadding aria-label="Rule status changes">
                {page.items.map(change => {
                  const direction = directionOf(change);
                  return (
                    <ListItem
                      key={`${change.entityRef}:${change.ruleId}:${change.changedAt}`}
                      className={
                        {
                          worse: classes.regression,
                          better: classes.improvement,
                          same: undefined,
                        }[direction]
                      }
                    >
                      <ListItemText
                        primary={
                          <span className={classes.change}>
                            {direction === 'worse' && (
                              <StatusChip label="Got worse" color={BAD} />
                            )}
                            {direction === 'better' && (
                              <StatusChip label="Got better" color={GOOD} />
                            )}
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
                            <span aria-label="to">→</span>
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
