import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { shortEntityName } from '../../format';
import { AsyncView } from '../AsyncView';
import { filterToSearchParams } from '../../complianceSearchParams';

const SHORT_LIST = 10;

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/** The first services that fail a rule, and a link to all of them on the compliance page. */
export function FailingServices(props: {
  ruleId: string;
  failCount: number;
  complianceLink: string | undefined;
}) {
  const { ruleId, failCount, complianceLink } = props;
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
            aria-label={`Services failing ${ruleId}`}
          >
            {page?.items.map(row => (
              <li key={row.entityRef}>
                <EntityRefLink entityRef={row.entityRef} disableTooltip>
                  {row.title ?? shortEntityName(row.entityRef)}
                </EntityRefLink>
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
