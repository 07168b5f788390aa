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
import {
  AsyncView,
  CursorPager,
  useCursorPagination,
} from '@internal/plugin-release-scorecard-react';
import { ColumnPicker } from './ColumnPicker';
import { ComplianceFilters } from './ComplianceFilters';
import { ComplianceLegend } from './ComplianceLegend';
import {
  ComplianceMatrix,
  DETAIL_COLUMNS,
  ruleColumnId,
} from './ComplianceMatrix';
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
  const { filter, filterKey, setFilter, view, setView } =
    useComplianceFilters();
  const filterOptions = useFilterOptions();
  const rules = useAsync(() => api.getRules(), [api]);

  const compliance = useCursorPagination(
    cursor => api.getCompliance(filter, { limit: PAGE_SIZE, cursor }),
    filterKey,
  );
  const changes = useCursorPagination(
    cursor =>
      // The backend narrows the changes themselves by the rule and status
      // filters: changes of that rule, changes into that status.
      api.getComplianceChanges(filter, {
        days: view.changeDays,
        limit: CHANGES_PAGE_SIZE,
        cursor,
      }),
    `${filterKey}&days=${view.changeDays}`,
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
    [
      ...(compliance.state.value?.rules ?? []),
      ...(rules.value?.rules ?? []),
    ].map(rule => [rule.id, rule.title]),
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
                serviceCount={compliance.state.value.totalCount}
                filter={filter}
                ruleTitle={ruleTitle}
                ownerLabel={ownerLabel}
                onSelectOwner={selectOwner}
              />
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            <RecentChanges
              pages={changes}
              ruleTitle={ruleTitle}
              filter={filter}
              days={view.changeDays}
              onDaysChange={changeDays => setView({ changeDays })}
            />
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
                  subheader="Click a rule to see the services that fail it; hover a cell for since when it fails"
                  action={
                    <ColumnPicker
                      columns={[
                        ...DETAIL_COLUMNS,
                        ...page.rules.map(rule => ({
                          id: ruleColumnId(rule.id),
                          title: rule.title,
                          lockedBecause:
                            rule.id === filter.rule
                              ? 'the rule of the filter'
                              : undefined,
                        })),
                      ]}
                      hidden={view.hiddenColumns}
                      onChange={hiddenColumns => setView({ hiddenColumns })}
                    />
                  }
                  noPadding
                >
                  <ComplianceLegend />
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
                      hiddenColumns={view.hiddenColumns}
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
