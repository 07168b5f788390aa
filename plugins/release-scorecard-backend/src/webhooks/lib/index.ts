export { getHeader } from './headers';
export {
  constantTimeEquals,
  hmacSha256Hex,
  verifyBearerToken,
  verifyHmacSha256Hex,
  verifySharedToken,
} from './signatures';
export {
  compact,
  formatFieldPath,
  isHttpUrl,
  nonEmpty,
  parseJsonBody,
  parseWithSchema,
} from './payload';
export {
  latestIsoTimestamp,
  toIsoTimestamp,
  toOptionalIsoTimestamp,
} from './timestamps';
export { GATE_NAME_PATTERN, toGateName, toKebabCase } from './gateNames';
export {
  attribute,
  childElements,
  numericAttribute,
  parseXmlReport,
} from './xml';
export type { XmlElement } from './xml';
export { deploymentCommitsSchema, toDeploymentCommits } from './commits';
export { parseReportUploadQuery } from './reportQuery';
export type { ReportUploadQuery } from './reportQuery';
