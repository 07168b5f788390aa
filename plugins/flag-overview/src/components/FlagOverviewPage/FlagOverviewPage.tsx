import Grid from '@material-ui/core/Grid';
import { Content, Header, Page } from '@backstage/core-components';
import { FlagFilterBar } from './FlagFilterBar';
import { useFlagFilters } from './flagFilters';
import { FlagResults } from './FlagResults';

/**
 * Filters (kept in the query string), stale flags per team and the paged
 * list of every flag; without a page header, for hosts that draw their own.
 */
export function FlagOverviewContent() {
  const [filters, setFilters] = useFlagFilters();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <FlagFilterBar filters={filters} onChange={setFilters} />
      </Grid>
      <Grid item xs={12}>
        <FlagResults
          key={JSON.stringify(filters)}
          filters={filters}
          onSelectOwner={owner => setFilters({ owner })}
        />
      </Grid>
    </Grid>
  );
}

/** The organisation page of the legacy frontend system, with its header. */
export function FlagOverviewPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Feature flags"
        subtitle="Every flag across the organisation, and the stale ones per team"
      />
      <Content>
        <FlagOverviewContent />
      </Content>
    </Page>
  );
}
