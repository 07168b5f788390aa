import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { useEntityTabLink } from '../../hooks';
import { ENTITY_TAB_PATH } from '../../routes';
import { AsyncView } from '@internal/plugin-release-scorecard-react';
import { DoraFigures } from '../DoraFigures';
import { EvidenceEmptyState } from '../EvidenceEmptyState';
import { LastDeploymentSummary } from '../LastDeploymentSummary';
import { ReadinessSummary } from '../ReadinessSummary';
import { ScoreSummary } from '../ScoreSummary';

/** Open incidents counted exactly; beyond this the card says "100+ open". */
const OPEN_INCIDENTS_SHOWN = 100;

function Heading(props: { children: string }) {
  return (
    <Typography variant="overline" color="textSecondary" component="h3">
      {props.children}
    </Typography>
  );
}

function OpenIncidents(props: { entityRef: string }) {
  const api = useApi(releaseScorecardApiRef);
  const state = useAsync(
    () =>
      api.listIncidents(
        props.entityRef,
        { limit: OPEN_INCIDENTS_SHOWN },
        { status: 'open' },
      ),
    [api, props.entityRef],
  );
  return (
    <Box component="section" aria-label="Open incidents">
      <Heading>Open incidents</Heading>
      <AsyncView state={state}>
        {page => {
          const open = page.items;
          const complete = !page.nextCursor;
          const worst = [...open].sort((a, b) =>
            a.severity.localeCompare(b.severity),
          )[0];
          return (
            <>
              <Typography variant="h5" component="p">
                {open.length === 0
                  ? 'None open'
                  : `${open.length}${complete ? '' : '+'} open`}
              </Typography>
              {worst && (
                <Typography variant="body2" color="textSecondary">
                  worst {worst.severity}: {worst.title}
                </Typography>
              )}
            </>
          );
        }}
      </AsyncView>
    </Box>
  );
}

function LastProductionDeployment(props: { entityRef: string }) {
  const api = useApi(releaseScorecardApiRef);
  const state = useAsync(
    () =>
      api.listDeployments(
        props.entityRef,
        { limit: 1 },
        { productionOnly: true },
      ),
    [api, props.entityRef],
  );
  return (
    <Box component="section" aria-label="Last production deployment">
      <Heading>Last production deployment</Heading>
      <AsyncView state={state}>
        {page => <LastDeploymentSummary deployment={page.items[0]} />}
      </AsyncView>
    </Box>
  );
}

function Dora(props: { entityRef: string }) {
  const api = useApi(releaseScorecardApiRef);
  const state = useAsync(
    () => api.getDora(props.entityRef),
    [api, props.entityRef],
  );
  return (
    <AsyncView state={state}>{dora => <DoraFigures dora={dora} />}</AsyncView>
  );
}

/**
 * The release readiness and reliability of the entity at a glance, for the
 * overview page: verdict and gates of the release candidate, score and
 * level, DORA tiers, open incidents and the last production deployment.
 */
export function EntityReleaseScorecardCard(props: { title?: string }) {
  const { title = 'Release scorecard' } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(releaseScorecardApiRef);
  const tabLink = useEntityTabLink(entity, ENTITY_TAB_PATH);
  const scorecard = useAsync(
    () => api.getScorecard(entityRef),
    [api, entityRef],
  );
  // Only to say what the next level needs; the card stands without it.
  const rules = useAsync(() => api.getRules(), [api]);

  return (
    <InfoCard
      title={title}
      deepLink={
        tabLink
          ? { title: 'Release & reliability details', link: tabLink }
          : undefined
      }
    >
      <AsyncView state={scorecard}>
        {value => (
          <Box display="flex" flexDirection="column" gridGap={16}>
            <ReadinessSummary scorecard={value} />
            {value.readiness.status === 'unknown' && (
              <EvidenceEmptyState entity={entity} evidence="pipelines" />
            )}
            <Divider />
            <Box
              display="grid"
              gridTemplateColumns="repeat(auto-fit, minmax(220px, 1fr))"
              gridGap={16}
            >
              <ScoreSummary scorecard={value} levels={rules.value?.levels} />
              <OpenIncidents entityRef={entityRef} />
            </Box>
            <Divider />
            <Dora entityRef={entityRef} />
            <Divider />
            <LastProductionDeployment entityRef={entityRef} />
          </Box>
        )}
      </AsyncView>
    </InfoCard>
  );
}
