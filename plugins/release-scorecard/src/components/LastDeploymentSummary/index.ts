export { LastDeploymentSummary } from './LastDeploymentSummary';
