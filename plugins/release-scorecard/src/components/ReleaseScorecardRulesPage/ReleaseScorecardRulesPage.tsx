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
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { gateLabel } from '../../gates';
import { useOptionalRouteLink } from '../../hooks';
import { complianceRouteRef } from '../../routes';
import { AsyncView } from '../AsyncView';
import { FactsCatalog } from './FactsCatalog';
import { RuleDefinitionCard } from './RuleDefinitionCard';
import { RulesOverviewTable } from './RulesOverviewTable';

/**
 * For platform teams: each rule's definition, applicability, exemptions,
 * pass rate and failing services, and the facts rules can test.
 */
export function ReleaseScorecardRulesPage() {
  const api = useApi(releaseScorecardApiRef);
  const complianceLink = useOptionalRouteLink(complianceRouteRef);
  const rules = useAsync(() => api.getRules(), [api]);
  const facts = useAsync(() => api.getFacts(), [api]);

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
          {value => (
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <InfoCard
                  title="Which rules the organisation fails most"
                  subheader={`Release readiness also requires these gates to pass: ${value.requiredGates
                    .map(gateLabel)
                    .join(', ')}`}
                >
                  <RulesOverviewTable
                    rules={value.rules}
                    complianceLink={complianceLink}
                  />
                </InfoCard>
              </Grid>
              {value.rules.map(rule => (
                <Grid item xs={12} lg={6} key={rule.id}>
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
          )}
        </AsyncView>
      </Content>
    </Page>
  );
}
