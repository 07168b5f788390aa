import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  DoraWeek,
  formatSeconds,
} from '@internal/plugin-release-scorecard-common';
import { DateTime } from 'luxon';
import { ReactElement } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { BAD, WARNING } from '../StatusChips';

const useStyles = makeStyles(theme => ({
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))',
    gap: theme.spacing(3),
  },
  figure: {
    margin: 0,
    // A grid item is as wide as its content by default; the chart would
    // then overflow its cell and have its last bars cut off.
    minWidth: 0,
  },
}));

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The unit a duration axis is drawn in. */
export interface DurationScale {
  /** Seconds in one unit. */
  seconds: number;
  /** As ticks read: `min`, `h`, `days`. */
  unit: string;
  /** As a sentence reads: `minutes`, `hours`, `days`. */
  words: string;
}

/**
 * The unit the tiles would use for the longest week: days from two days on,
 * hours from an hour on, else minutes (as formatSeconds reads durations).
 */
export function durationScaleFor(maxSeconds: number): DurationScale {
  if (maxSeconds >= 2 * DAY) {
    return { seconds: DAY, unit: 'days', words: 'days' };
  }
  if (maxSeconds >= HOUR) {
    return { seconds: HOUR, unit: 'h', words: 'hours' };
  }
  return { seconds: 60, unit: 'min', words: 'minutes' };
}

/**
 * Round ticks from 0 to at least `max`: steps of 1, 2 or 5 times a power of
 * ten, about four of them; whole steps for counts.
 */
export function niceTicks(max: number, wholeSteps = false): number[] {
  if (!(max > 0)) {
    return [0, 1];
  }
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  let step =
    [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= rough) ??
    10 * magnitude;
  if (wholeSteps) {
    step = Math.max(1, Math.ceil(step));
  }
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, index) =>
    Number((index * step).toFixed(10)),
  );
}

export interface WeekPoint {
  /** `23 Nov`: the Monday that starts the week. */
  week: string;
  deployments: number;
  failedChanges: number;
  /** In the lead-time scale's unit; null in a week without deployed commits. */
  leadTime: number | null;
  leadTimeSeconds: number | null;
  /** In the recovery scale's unit; null in a week without a resolved incident. */
  recovery: number | null;
  recoverySeconds: number | null;
  incidents: number;
}

const inUnit = (seconds: number | null, scale: DurationScale) =>
  seconds === null ? null : Number((seconds / scale.seconds).toFixed(2));

/** The API's weeks as chart points, durations in the given scales. */
export function toWeekPoints(
  weeks: DoraWeek[],
  scales: { leadTime: DurationScale; recovery: DurationScale },
): WeekPoint[] {
  return weeks.map(week => ({
    week: DateTime.fromISO(week.weekStart, { zone: 'utc' }).toFormat('d LLL'),
    deployments: week.deployments,
    failedChanges: week.failedDeployments,
    leadTime: inUnit(week.leadTimeMedianSeconds, scales.leadTime),
    leadTimeSeconds: week.leadTimeMedianSeconds,
    recovery: inUnit(week.recoveryTimeMedianSeconds, scales.recovery),
    recoverySeconds: week.recoveryTimeMedianSeconds,
    incidents: week.incidents,
  }));
}

const maxOf = (values: Array<number | null>) =>
  Math.max(0, ...values.filter((value): value is number => value !== null));

function ChartFigure(props: {
  title: string;
  description: string;
  children: ReactElement;
}) {
  const classes = useStyles();
  return (
    <figure className={classes.figure} aria-label={props.title}>
      <Typography variant="subtitle2" component="figcaption">
        {props.title}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {props.description}
      </Typography>
      <ResponsiveContainer width="100%" height={220}>
        {props.children}
      </ResponsiveContainer>
    </figure>
  );
}

/** Room on the right so that the last bar and the last tick label are not cut off. */
const CHART_MARGIN = { top: 8, right: 16, bottom: 0, left: 0 };

/**
 * Weekly trends of the DORA figures: deployments and failures, lead time,
 * incidents and recovery. A week without data is a gap, not a line drawn
 * across it; durations are in the unit the tiles use.
 */
export function DoraTrendCharts(props: { weeks: DoraWeek[] }) {
  const { weeks } = props;
  const classes = useStyles();
  const theme = useTheme();
  const scales = {
    leadTime: durationScaleFor(
      maxOf(weeks.map(week => week.leadTimeMedianSeconds)),
    ),
    recovery: durationScaleFor(
      maxOf(weeks.map(week => week.recoveryTimeMedianSeconds)),
    ),
  };
  const points = toWeekPoints(weeks, scales);
  const deploymentTicks = niceTicks(
    maxOf(points.map(point => point.deployments)),
    true,
  );
  const incidentTicks = niceTicks(
    maxOf(points.map(point => point.incidents)),
    true,
  );
  const leadTimeTicks = niceTicks(maxOf(points.map(point => point.leadTime)));
  const recoveryTicks = niceTicks(maxOf(points.map(point => point.recovery)));

  const axis = {
    tick: { fill: theme.palette.text.secondary, fontSize: 12 },
    stroke: theme.palette.divider,
  };
  const weekAxis = {
    ...axis,
    dataKey: 'week',
    interval: 'preserveStartEnd' as const,
    minTickGap: 12,
  };
  const tooltip = {
    contentStyle: {
      backgroundColor: theme.palette.background.paper,
      borderColor: theme.palette.divider,
      color: theme.palette.text.primary,
    },
    cursor: { fill: theme.palette.action.hover },
    labelFormatter: (week: string) => `Week of ${week}`,
  };
  // Durations read in the tooltip exactly as on the tiles (`2.9 days`).
  const secondsOf: Partial<Record<string, keyof WeekPoint>> = {
    leadTime: 'leadTimeSeconds',
    recovery: 'recoverySeconds',
  };
  const formatDurationValue = (
    value: unknown,
    name: string,
    item: { dataKey?: unknown; payload?: WeekPoint },
  ) => {
    const field = secondsOf[String(item.dataKey)];
    const seconds = field ? item.payload?.[field] : undefined;
    return [
      typeof seconds === 'number' ? formatSeconds(seconds) : String(value),
      name,
    ];
  };
  const ticksIn = (scale: DurationScale) => (value: number) =>
    `${value} ${scale.unit}`;
  const grid = (
    <CartesianGrid stroke={theme.palette.divider} vertical={false} />
  );

  return (
    <div className={classes.charts}>
      <ChartFigure
        title="Deployments per week"
        description="Succeeded production deployments, and changes that failed"
      >
        <BarChart data={points} margin={CHART_MARGIN} accessibilityLayer>
          {grid}
          <XAxis {...weekAxis} />
          <YAxis
            width={32}
            ticks={deploymentTicks}
            domain={[0, deploymentTicks[deploymentTicks.length - 1]]}
            allowDecimals={false}
            {...axis}
          />
          <Tooltip {...tooltip} />
          <Legend />
          <Bar
            dataKey="deployments"
            name="Deployments"
            fill={theme.palette.primary.main}
          />
          <Bar dataKey="failedChanges" name="Failed changes" fill={BAD} />
        </BarChart>
      </ChartFigure>
      <ChartFigure
        title="Lead time for changes"
        description={`Median time from commit to production, per week, in ${scales.leadTime.words}; a week without deployed commits is a gap`}
      >
        <LineChart data={points} margin={CHART_MARGIN} accessibilityLayer>
          {grid}
          <XAxis {...weekAxis} padding={{ left: 12, right: 12 }} />
          <YAxis
            width={64}
            ticks={leadTimeTicks}
            domain={[0, leadTimeTicks[leadTimeTicks.length - 1]]}
            tickFormatter={ticksIn(scales.leadTime)}
            {...axis}
          />
          <Tooltip {...tooltip} formatter={formatDurationValue} />
          <Line
            type="linear"
            dataKey="leadTime"
            name="Median lead time"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
          />
        </LineChart>
      </ChartFigure>
      <ChartFigure
        title="Incidents and recovery"
        description={`Incidents opened, and median time to resolve them in ${scales.recovery.words}, per week; a week without a resolved incident is a gap`}
      >
        <ComposedChart data={points} margin={CHART_MARGIN} accessibilityLayer>
          {grid}
          <XAxis {...weekAxis} scale="band" />
          <YAxis
            yAxisId="count"
            width={32}
            ticks={incidentTicks}
            domain={[0, incidentTicks[incidentTicks.length - 1]]}
            allowDecimals={false}
            {...axis}
          />
          <YAxis
            yAxisId="duration"
            orientation="right"
            width={64}
            ticks={recoveryTicks}
            domain={[0, recoveryTicks[recoveryTicks.length - 1]]}
            tickFormatter={ticksIn(scales.recovery)}
            {...axis}
          />
          <Tooltip {...tooltip} formatter={formatDurationValue} />
          <Legend />
          <Bar
            yAxisId="count"
            dataKey="incidents"
            name="Incidents"
            fill={WARNING}
          />
          <Line
            yAxisId="duration"
            type="linear"
            dataKey="recovery"
            name="Median recovery"
            stroke={theme.palette.text.primary}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls={false}
          />
        </ComposedChart>
      </ChartFigure>
    </div>
  );
}
