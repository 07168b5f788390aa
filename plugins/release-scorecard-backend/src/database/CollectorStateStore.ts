import { EvidenceCollectorState } from '@internal/plugin-release-scorecard-node';

/** The small key-value state of evidence collectors, one namespace each. */
export interface CollectorStateStore {
  forCollector(collectorId: string): EvidenceCollectorState;
}
