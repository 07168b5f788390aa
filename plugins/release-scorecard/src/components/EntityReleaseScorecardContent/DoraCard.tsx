import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { AsyncView } from '@internal/plugin-release-scorecard-react';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { DoraDetailsTables } from '../DoraDetailsTables';
import { DoraFigures } from '../DoraFigures';
import { DoraTrendCharts } from '../DoraTrendCharts';

export const DORA_WINDOWS = [30, 90, 180];
export const DEFAULT_DORA_WINDOW = 90;

/** The window a `window` search parameter names, or the default. */
export function parseDoraWindow(value: string | null): number {
  const days = Number(value);
  return DORA_WINDOWS.includes(days) ? days : DEFAULT_DORA_WINDOW;
}

function WindowSelector(props: {
  windowDays: number;
  onChange: (windowDays: number) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.windowDays}
      onChange={(_event, value: number | null) => {
        if (value !== null) {
          props.onChange(value);
        }
      }}
      aria-label="DORA window"
    >
      {DORA_WINDOWS.map(days => (
        <ToggleButton key={days} value={days} aria-label={`${days} days`}>
          {days} days
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/**
 * DORA metrics of the entity over a chosen window: the four figures with
 * their tiers, weekly trends, and the records behind each figure. The window
 * is the page's to keep (in the URL).
 */
export function DoraCard(props: {
  entityRef: string;
  windowDays: number;
  onWindowChange: (windowDays: number) => void;
}) {
  const { entityRef, windowDays, onWindowChange } = props;
  const api = useApi(releaseScorecardApiRef);
  const dora = useAsync(
    () => api.getDora(entityRef, { windowDays }),
    [api, entityRef, windowDays],
  );
  const trend = useAsync(
    () => api.getDoraTrend(entityRef, { windowDays }),
    [api, entityRef, windowDays],
  );
  const details = useAsync(
    () => api.getDoraDetails(entityRef, { windowDays }),
    [api, entityRef, windowDays],
  );

  return (
    <InfoCard
      title="DORA metrics"
      action={
        <Box padding={1}>
          <WindowSelector windowDays={windowDays} onChange={onWindowChange} />
        </Box>
      }
    >
      <Box display="flex" flexDirection="column" gridGap={24}>
        <AsyncView state={dora}>
          {value => <DoraFigures dora={value} />}
        </AsyncView>
        <Divider />
        <AsyncView state={trend}>
          {value => <DoraTrendCharts weeks={value.weeks} />}
        </AsyncView>
        <Divider />
        <Box>
          <Typography variant="subtitle2" component="h3">
            Behind the figures
          </Typography>
          <AsyncView state={details}>
            {value => <DoraDetailsTables details={value} />}
          </AsyncView>
        </Box>
      </Box>
    </InfoCard>
  );
}
