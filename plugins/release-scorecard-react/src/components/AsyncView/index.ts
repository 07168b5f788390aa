export { AsyncView } from './AsyncView';
export type { RequestState } from './AsyncView';
