export {
  attribute,
  childElements,
  numericAttribute,
  parseXmlReport,
} from './xml';
export type { XmlElement } from './xml';
export { deploymentCommitsSchema, toDeploymentCommits } from './commits';
