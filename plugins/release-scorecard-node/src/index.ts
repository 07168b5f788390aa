/**
 * Extension points of the Release Scorecard backend, and what backend
 * modules need to add webhook and report sources, feature flag providers and
 * fact providers.
 *
 * @packageDocumentation
 */
export * from './extensionPoints';
export * from './flagProviders';
export * from './factProviders';
export * from './evidenceCollectors';
export * from './webhooks/types';
export { createWebhookRequest } from './webhooks/createWebhookRequest';
export { getHeader } from './webhooks/headers';
export {
  constantTimeEquals,
  hmacSha256Hex,
  verifyBearerToken,
  verifyHmacSha256Hex,
  verifySharedToken,
} from './webhooks/signatures';
export {
  compact,
  formatFieldPath,
  isHttpUrl,
  nonEmpty,
  parseJsonBody,
  parseWithSchema,
} from './webhooks/payload';
export {
  latestIsoTimestamp,
  toIsoTimestamp,
  toOptionalIsoTimestamp,
} from './webhooks/timestamps';
export {
  GATE_NAME_PATTERN,
  toGateName,
  toKebabCase,
} from './webhooks/gateNames';
export {
  parseReportUploadQuery,
  type ReportUploadQuery,
} from './webhooks/reportQuery';
