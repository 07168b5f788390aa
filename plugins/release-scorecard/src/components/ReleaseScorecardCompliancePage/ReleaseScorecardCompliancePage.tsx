import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { shortEntityName } from '../../format';
import { AsyncView } from '../AsyncView';
import { CursorPager, useCursorPagination } from '../CursorPager';
import { ComplianceFilters } from './ComplianceFilters';
import { ComplianceMatrix } from './ComplianceMatrix';
import { CsvExportButton } from './CsvExportButton';
import { CHANGES_PAGE_SIZE, RecentChanges } from './RecentChanges';
import { TeamCompliance } from './TeamCompliance';
import { TeamDoraCard } from './TeamDoraCard';
import { useComplianceFilters } from './useComplianceFilters';
import { useFilterOptions } from './useFilterOptions';

const PAGE_SIZE = 50;

/**
 * For engineering managers: every service against every rule, with filters
 * kept in the URL, compliance per rule and per team, what changed this week,
 * CSV export and server-side paging.
 */
export function ReleaseScorecardCompliancePage() {
  const api = useApi(releaseScorecardApiRef);
  const { filter, filterKey, setFilter } = useComplianceFilters();
  const filterOptions = useFilterOptions();
  const rules = useAsync(() => api.getRules(), [api]);

  const compliance = useCursorPagination(
    cursor => api.getCompliance(filter, { limit: PAGE_SIZE, cursor }),
    filterKey,
  );
  const changes = useCursorPagination(
    cursor =>
      api.getComplianceChanges(filter, {
        days: 7,
        limit: CHANGES_PAGE_SIZE,
        cursor,
      }),
    filterKey,
  );

  const ownerLabels = new Map(
    (filterOptions.value?.owner ?? []).map(option => [
      option.value,
      option.label,
    ]),
  );
  const ownerLabel = (ownerRef: string) =>
    ownerLabels.get(ownerRef) ?? shortEntityName(ownerRef);
  const ruleTitles = new Map(
    (rules.value?.rules ?? []).map(rule => [rule.id, rule.title]),
  );
  const ruleTitle = (ruleId: string) => ruleTitles.get(ruleId) ?? ruleId;

  const selectRule = useCallback(
    (ruleId: string) =>
      setFilter(
        filter.rule === ruleId
          ? { ...filter, rule: undefined, status: undefined }
          : { ...filter, rule: ruleId, status: 'fail' },
      ),
    [filter, setFilter],
  );
  const selectOwner = (ownerRef: string) =>
    setFilter({ ...filter, owner: [ownerRef] });

  return (
    <Page themeId="tool">
      <Header
        title="Release compliance"
        subtitle="Every service against the delivery rules, per team"
      />
      <Content>
        <ContentHeader title="Services × rules">
          <CsvExportButton filter={filter} />
          <SupportButton>
            Rules come from the releaseScorecard section of app-config.yaml;
            statuses are re-evaluated when new data arrives.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ComplianceFilters
              filter={filter}
              onChange={setFilter}
              options={filterOptions.value}
              rules={rules.value?.rules ?? []}
            />
            {filterOptions.error && (
              <Typography variant="caption" color="error">
                Could not load the catalog's groups and systems:{' '}
                {filterOptions.error.message}
              </Typography>
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            {compliance.state.value && (
              <TeamCompliance
                owners={compliance.state.value.owners}
                ownerLabel={ownerLabel}
                onSelectOwner={selectOwner}
              />
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            <RecentChanges pages={changes} ruleTitle={ruleTitle} />
          </Grid>
          {filter.owner?.length === 1 && (
            <Grid item xs={12}>
              <TeamDoraCard
                ownerRef={filter.owner[0]}
                ownerLabel={ownerLabel(filter.owner[0])}
              />
            </Grid>
          )}
          <Grid item xs={12}>
            <AsyncView state={compliance.state}>
              {page => (
                <InfoCard
                  title={`Services (${page.totalCount})`}
                  subheader="Click a rule to see the services that fail it"
                  noPadding
                >
                  {page.items.length === 0 ? (
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      style={{ padding: 16 }}
                    >
                      No service matches these filters.
                    </Typography>
                  ) : (
                    <ComplianceMatrix
                      rows={page.items}
                      rules={page.rules}
                      selectedRule={filter.rule}
                      onSelectRule={selectRule}
                      ownerLabel={ownerLabel}
                    />
                  )}
                  <CursorPager
                    pagination={compliance}
                    pageSize={PAGE_SIZE}
                    label="Services: pages"
                  />
                </InfoCard>
              )}
            </AsyncView>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
