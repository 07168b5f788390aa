export * from './types';
export { findWebhookSource, webhookSources } from './sources';
