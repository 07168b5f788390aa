import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { describeAppliesTo } from '../../conditions';
import { formatDate, shortEntityName } from '../../format';
import { ConditionView } from '../ConditionView';
import { BAD, StatusChip, WARNING } from '../StatusChips';
import { FailingServices } from './FailingServices';
import { PassRateBar } from './PassRateBar';
import { ruleCardId, RuleWithTotals } from './RulesOverviewTable';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(120px, max-content) 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1.5),
    margin: 0,
    '& dt': {
      color: theme.palette.text.secondary,
      fontSize: theme.typography.body2.fontSize,
    },
    '& dd': {
      margin: 0,
    },
  },
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  anchor: {
    height: '100%',
    // Room above the card when a `#rule-…` link scrolls to it.
    scrollMarginTop: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/** One rule as the platform team wrote it, with how the organisation fares on it. */
export function RuleDefinitionCard(props: {
  rule: RuleWithTotals;
  complianceLink: string | undefined;
}) {
  const { rule, complianceLink } = props;
  const classes = useStyles();
  const expired = (expires?: string) =>
    expires !== undefined && Date.parse(`${expires}T23:59:59Z`) < Date.now();

  return (
    <div
      id={ruleCardId(rule.id)}
      // Focusable from script, so that following a link to the card moves
      // the keyboard focus there too.
      tabIndex={-1}
      className={classes.anchor}
      data-testid={`rule-card-${rule.id}`}
    >
      <InfoCard
        variant="fullHeight"
        title={rule.title}
        titleTypographyProps={{ variant: 'h6', component: 'h3' }}
        subheader={rule.id}
        action={
          <Box display="flex" gridGap={8} padding={1}>
            <StatusChip
              label={rule.severity === 'blocking' ? 'Blocking' : 'Warning'}
              color={rule.severity === 'blocking' ? BAD : WARNING}
            />
            <StatusChip label={`Level ${rule.level}`} />
            <StatusChip label={`Weight ${rule.weight}`} />
          </Box>
        }
      >
        {rule.description && (
          <Typography variant="body2" paragraph>
            {rule.description}
          </Typography>
        )}
        <dl className={classes.facts}>
          <dt>Passes when</dt>
          <dd>
            <ConditionView condition={rule.check} />
          </dd>
          <dt>Applies to</dt>
          <dd>
            <Typography variant="body2">
              {describeAppliesTo(rule.appliesTo)}
            </Typography>
          </dd>
          <dt>Severity</dt>
          <dd>
            <Typography variant="body2">
              {rule.severity === 'blocking'
                ? 'Blocking: a failure blocks release readiness'
                : 'Warning: a failure lowers the score only'}
            </Typography>
          </dd>
          <dt>Exemptions</dt>
          <dd>
            {rule.exemptions.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                None
              </Typography>
            ) : (
              <ul className={classes.list}>
                {rule.exemptions.map(exemption => (
                  <li key={exemption.entity}>
                    <Typography variant="body2">
                      <strong>{shortEntityName(exemption.entity)}</strong>:{' '}
                      {exemption.reason} —{' '}
                      {exemption.expires
                        ? `${
                            expired(exemption.expires) ? 'expired' : 'until'
                          } ${formatDate(exemption.expires)}`
                        : 'no expiry'}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Pass rate</dt>
          <dd>
            <PassRateBar ruleTitle={rule.title} totals={rule.totals} />
          </dd>
          <dt>Failing services</dt>
          <dd>
            <FailingServices
              ruleId={rule.id}
              ruleTitle={rule.title}
              failCount={rule.totals?.fail ?? 0}
              complianceLink={complianceLink}
            />
          </dd>
        </dl>
      </InfoCard>
    </div>
  );
}
