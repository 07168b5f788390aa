export { DoraTrendCharts, toWeekPoints } from './DoraTrendCharts';
