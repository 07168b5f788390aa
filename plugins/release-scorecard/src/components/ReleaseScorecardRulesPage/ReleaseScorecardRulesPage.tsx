import {
  Content,
  ContentHeader,
  Header,
  HeaderLabel,
  InfoCard,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { AsyncView } from '@internal/plugin-release-scorecard-react';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { gateLabel } from '../../gates';
import { useOptionalRouteLink } from '../../hooks';
import { complianceRouteRef } from '../../routes';
import { FactsCatalog } from './FactsCatalog';
import { RuleDefinitionCard } from './RuleDefinitionCard';
import { RulesOverviewTable, sortByPassRate } from './RulesOverviewTable';
import { useScrollToHash } from './useScrollToHash';

const useStyles = makeStyles(theme => ({
  formula: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
    display: 'block',
    margin: theme.spacing(0.5, 0),
  },
  // Cards in a row take the height of the tallest, so the grid has no gaps.
  cardCell: {
    display: 'flex',
    '& > *': {
      flexGrow: 1,
    },
  },
}));

/** How a pass rate is counted, where people read pass rates (docs/scoring.md). */
function PassRateExplanation() {
  const classes = useStyles();
  return (
    <Typography variant="body2" color="textSecondary" component="div">
      <span>
        How a pass rate is counted, over the services the rule applies to:
      </span>
      <code className={classes.formula}>
        pass rate = (pass + exempt) ÷ (pass + exempt + fail + no data)
      </code>
      <span>
        A service without the data a rule needs does not pass it: nobody can
        show that the rule holds. Services the rule does not apply to are left
        out. Scores and the compliance page count the same way (see
        docs/scoring.md in the Release Scorecard repository).
      </span>
    </Typography>
  );
}

/**
 * For platform teams: each rule's definition, applicability, exemptions,
 * pass rate and failing services, and the facts rules can test.
 */
export function ReleaseScorecardRulesPage() {
  const api = useApi(releaseScorecardApiRef);
  const classes = useStyles();
  const complianceLink = useOptionalRouteLink(complianceRouteRef);
  const rules = useAsync(() => api.getRules(), [api]);
  const facts = useAsync(() => api.getFacts(), [api]);
  useScrollToHash(Boolean(rules.value));

  return (
    <Page themeId="tool">
      <Header
        title="Scorecard rules"
        subtitle="The delivery rules every service is scored against"
      >
        {rules.value && (
          <>
            <HeaderLabel
              label="Levels"
              value={rules.value.levels.join(' → ')}
            />
            <HeaderLabel
              label="Rules"
              value={String(rules.value.rules.length)}
            />
          </>
        )}
      </Header>
      <Content>
        <ContentHeader title="Rules">
          <SupportButton>
            Rules, levels, required gates and exemptions are configuration: edit
            releaseScorecard in app-config.yaml and review the change like code.
          </SupportButton>
        </ContentHeader>
        <AsyncView state={rules}>
          {value => {
            // The cards follow the table: the rules failed most come first.
            const sorted = sortByPassRate(value.rules);
            return (
              <Grid container spacing={3}>
                <Grid item xs={12}>
                  <InfoCard
                    title="Which rules the organisation fails most"
                    subheader={`Release readiness also requires these gates to pass: ${value.requiredGates
                      .map(gateLabel)
                      .join(', ')}`}
                  >
                    <PassRateExplanation />
                    <RulesOverviewTable
                      rules={sorted}
                      complianceLink={complianceLink}
                    />
                  </InfoCard>
                </Grid>
                {sorted.map(rule => (
                  <Grid
                    item
                    xs={12}
                    lg={6}
                    key={rule.id}
                    className={classes.cardCell}
                  >
                    <RuleDefinitionCard
                      rule={rule}
                      complianceLink={complianceLink}
                    />
                  </Grid>
                ))}
                <Grid item xs={12}>
                  <AsyncView state={facts}>
                    {factsValue => <FactsCatalog facts={factsValue} />}
                  </AsyncView>
                </Grid>
              </Grid>
            );
          }}
        </AsyncView>
      </Content>
    </Page>
  );
}
