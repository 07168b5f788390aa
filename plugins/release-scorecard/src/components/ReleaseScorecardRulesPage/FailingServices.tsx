import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ComplianceRow } from '@internal/plugin-release-scorecard-common';
import { AsyncView } from '@internal/plugin-release-scorecard-react';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { filterToSearchParams } from '../../complianceSearchParams';
import { describeFailingSince, explainFailingSince } from '../../failingSince';
import { shortEntityName } from '../../format';

const SHORT_LIST = 10;

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0),
    paddingLeft: theme.spacing(2.5),
    '& li + li': {
      marginTop: theme.spacing(0.5),
    },
  },
}));

/** `Pricing engine · checkout-team · failing since 3 Nov`. */
function FailingService(props: { row: ComplianceRow; ruleId: string }) {
  const { row, ruleId } = props;
  const since = row.failingSince[ruleId];
  return (
    <Typography variant="body2" component="span">
      <EntityRefLink entityRef={row.entityRef} disableTooltip>
        {row.title ?? shortEntityName(row.entityRef)}
      </EntityRefLink>
      {' · '}
      {row.owner ? (
        <EntityRefLink
          entityRef={row.owner}
          defaultKind="group"
          disableTooltip
        />
      ) : (
        'no owner'
      )}
      {since && (
        <>
          {' · '}
          <span title={explainFailingSince(since)}>
            {describeFailingSince(since)}
          </span>
        </>
      )}
    </Typography>
  );
}

/**
 * The first services that fail a rule, with their owner and since when
 * they fail, and a link to all of them on the compliance page.
 */
export function FailingServices(props: {
  ruleId: string;
  ruleTitle: string;
  failCount: number;
  complianceLink: string | undefined;
}) {
  const { ruleId, ruleTitle, failCount, complianceLink } = props;
  const classes = useStyles();
  const api = useApi(releaseScorecardApiRef);
  const state = useAsync(
    async () =>
      failCount > 0
        ? api.getCompliance(
            { rule: ruleId, status: 'fail' },
            { limit: SHORT_LIST },
          )
        : undefined,
    [api, ruleId, failCount],
  );
  if (failCount === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No service fails this rule.
      </Typography>
    );
  }
  const allLink =
    complianceLink &&
    `${complianceLink}?${filterToSearchParams({
      rule: ruleId,
      status: 'fail',
    })}`;
  return (
    <AsyncView state={state}>
      {page => (
        <>
          <ul
            className={classes.list}
            aria-label={`Services failing ${ruleTitle}`}
          >
            {page?.items.map(row => (
              <li key={row.entityRef}>
                <FailingService row={row} ruleId={ruleId} />
              </li>
            ))}
          </ul>
          {allLink && (
            <Link to={allLink}>
              {failCount > SHORT_LIST
                ? `All ${failCount} failing services`
                : 'See them on the compliance page'}
            </Link>
          )}
        </>
      )}
    </AsyncView>
  );
}
