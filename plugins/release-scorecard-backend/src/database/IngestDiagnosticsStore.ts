import { PageRequest, StoredPage } from './pagination';

/** An entity ref that records arrived for before the catalog knew it. */
export interface UnknownEntityRef {
  entityRef: string;
  firstSeenAt: string;
  lastSeenAt: string;
  records: number;
}

/** Webhook events that matched no entity, counted per source and lookup. */
export interface UnmatchedWebhookEvents {
  source: string;
  lookup: string;
  events: number;
  firstSeenAt: string;
  lastSeenAt: string;
  lastEvent?: string;
}

/**
 * What ingestion could not match, for the operations view: entity refs the
 * catalog did not know, and webhook events no entity's annotation matched.
 */
export interface IngestDiagnosticsStore {
  /** Counts the records that arrived for each unknown ref. */
  recordUnknownEntityRefs(
    recordsPerRef: Map<string, number>,
    now: number,
  ): Promise<void>;
  listUnknownEntityRefs(
    page: PageRequest,
  ): Promise<StoredPage<UnknownEntityRef>>;
  /** Forgets the unknown refs that the catalog copy now holds; returns how many. */
  forgetUnknownEntityRefsInCatalog(): Promise<number>;
  /** The unknown refs that the catalog copy does not hold. */
  listUnknownEntityRefsOutsideCatalog(): Promise<string[]>;
  recordUnmatchedWebhookEvent(
    event: { source: string; lookup: string; eventType: string },
    now: number,
  ): Promise<void>;
  listUnmatchedWebhookEvents(
    page: PageRequest,
  ): Promise<StoredPage<UnmatchedWebhookEvents>>;
}
