export { BUILT_IN_WEBHOOK_SOURCES } from './sources';
