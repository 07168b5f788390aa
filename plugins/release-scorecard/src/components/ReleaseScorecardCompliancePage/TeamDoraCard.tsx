import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { AsyncView } from '@internal/plugin-release-scorecard-react';
import { DoraFigures } from '../DoraFigures';

/** DORA pooled over the services of one team and its sub-groups. */
export function TeamDoraCard(props: { ownerRef: string; ownerLabel: string }) {
  const { ownerRef, ownerLabel } = props;
  const api = useApi(releaseScorecardApiRef);
  const state = useAsync(() => api.getOwnerDora(ownerRef), [api, ownerRef]);
  return (
    <InfoCard
      title={`Delivery performance of ${ownerLabel}`}
      subheader={
        state.value
          ? `DORA over its ${state.value.entityCount} services, sub-groups included`
          : undefined
      }
    >
      <AsyncView state={state}>{dora => <DoraFigures dora={dora} />}</AsyncView>
    </InfoCard>
  );
}
