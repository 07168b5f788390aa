import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { AsyncView } from '../AsyncView';
import { DeploymentsCard } from './DeploymentsCard';
import { DoraCard } from './DoraCard';
import { IncidentsCard } from './IncidentsCard';
import { PipelineRunsCard } from './PipelineRunsCard';
import { ReadinessCard } from './ReadinessCard';
import { RuleHistoryCard } from './RuleHistoryCard';
import { RulesCard } from './RulesCard';

/**
 * The entity tab "Release & reliability": readiness and pipeline runs, every
 * rule, DORA with trends and the records behind it, deployments, incidents.
 */
export function EntityReleaseScorecardContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(releaseScorecardApiRef);
  const state = useAsync(async () => {
    const [scorecard, rules] = await Promise.all([
      api.getScorecard(entityRef),
      api.getRules(),
    ]);
    return { scorecard, requiredGates: rules.requiredGates };
  }, [api, entityRef]);

  return (
    <AsyncView state={state}>
      {({ scorecard, requiredGates }) => (
        <Grid container spacing={3} alignItems="stretch">
          <Grid item xs={12}>
            <ReadinessCard scorecard={scorecard} />
          </Grid>
          <Grid item xs={12}>
            <PipelineRunsCard
              entity={entity}
              entityRef={entityRef}
              scorecard={scorecard}
              requiredGates={requiredGates}
            />
          </Grid>
          <Grid item xs={12}>
            <RulesCard scorecard={scorecard} />
          </Grid>
          <Grid item xs={12}>
            <DoraCard entityRef={entityRef} />
          </Grid>
          <Grid item xs={12}>
            <DeploymentsCard entity={entity} entityRef={entityRef} />
          </Grid>
          <Grid item xs={12}>
            <IncidentsCard entity={entity} entityRef={entityRef} />
          </Grid>
          <Grid item xs={12}>
            <RuleHistoryCard entityRef={entityRef} scorecard={scorecard} />
          </Grid>
        </Grid>
      )}
    </AsyncView>
  );
}
