export { EvidenceEmptyState } from './EvidenceEmptyState';
export type { EvidenceKind } from './evidenceSources';
