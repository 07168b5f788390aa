import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { DoraWeek } from '@internal/plugin-release-scorecard-common';
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
  },
}));

export interface WeekPoint {
  week: string;
  deployments: number;
  failedChanges: number;
  leadTimeHours: number | null;
  recoveryHours: number | null;
  incidents: number;
}

const hours = (seconds: number | null) =>
  seconds === null ? null : Number((seconds / 3600).toFixed(1));

/** The API's weeks as chart points: `23 Nov`, durations in hours. */
export function toWeekPoints(weeks: DoraWeek[]): WeekPoint[] {
  return weeks.map(week => ({
    week: DateTime.fromISO(week.weekStart, { zone: 'utc' }).toFormat('d LLL'),
    deployments: week.deployments,
    failedChanges: week.failedDeployments,
    leadTimeHours: hours(week.leadTimeMedianSeconds),
    recoveryHours: hours(week.recoveryTimeMedianSeconds),
    incidents: week.incidents,
  }));
}

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
      <ResponsiveContainer width="100%" height={200}>
        {props.children}
      </ResponsiveContainer>
    </figure>
  );
}

/** Weekly trends of the DORA figures: deployments and failures, lead time, incidents and recovery. */
export function DoraTrendCharts(props: { weeks: DoraWeek[] }) {
  const classes = useStyles();
  const theme = useTheme();
  const points = toWeekPoints(props.weeks);
  const axis = {
    tick: { fill: theme.palette.text.secondary, fontSize: 12 },
    stroke: theme.palette.divider,
  };
  const tooltip = {
    contentStyle: {
      backgroundColor: theme.palette.background.paper,
      borderColor: theme.palette.divider,
      color: theme.palette.text.primary,
    },
    cursor: { fill: theme.palette.action.hover },
  };
  const grid = (
    <CartesianGrid stroke={theme.palette.divider} vertical={false} />
  );

  return (
    <div className={classes.charts}>
      <ChartFigure
        title="Deployments per week"
        description="Succeeded production deployments, and changes that failed"
      >
        <BarChart data={points} accessibilityLayer>
          {grid}
          <XAxis dataKey="week" {...axis} />
          <YAxis allowDecimals={false} width={32} {...axis} />
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
        description="Median hours from commit to production, per week"
      >
        <LineChart data={points} accessibilityLayer>
          {grid}
          <XAxis dataKey="week" {...axis} />
          <YAxis width={56} unit=" h" {...axis} />
          <Tooltip {...tooltip} />
          <Line
            type="monotone"
            dataKey="leadTimeHours"
            name="Median lead time (h)"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            connectNulls
          />
        </LineChart>
      </ChartFigure>
      <ChartFigure
        title="Incidents and recovery"
        description="Incidents opened, and median hours to resolve, per week"
      >
        <ComposedChart data={points} accessibilityLayer>
          {grid}
          <XAxis dataKey="week" {...axis} />
          <YAxis yAxisId="count" allowDecimals={false} width={32} {...axis} />
          <YAxis
            yAxisId="hours"
            orientation="right"
            width={56}
            unit=" h"
            {...axis}
          />
          <Tooltip {...tooltip} />
          <Legend />
          <Bar
            yAxisId="count"
            dataKey="incidents"
            name="Incidents"
            fill={WARNING}
          />
          <Line
            yAxisId="hours"
            type="monotone"
            dataKey="recoveryHours"
            name="Median recovery (h)"
            stroke={theme.palette.text.primary}
            strokeWidth={2}
            connectNulls
          />
        </ComposedChart>
      </ChartFigure>
    </div>
  );
}
