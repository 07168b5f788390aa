import { Knex } from 'knex';
import {
  IngestDiagnosticsStore,
  UnknownEntityRef,
  UnmatchedWebhookEvents,
} from './IngestDiagnosticsStore';
import {
  decodeKeyCursor,
  encodeCursor,
  PageRequest,
  StoredPage,
} from './pagination';
import {
  optional,
  UnknownEntityRefRow,
  UnmatchedWebhookEventRow,
} from './rows';
import { toIso } from './time';

/** Longest lookup and event type kept: the widths of their columns. */
const MAX_LOOKUP_LENGTH = 512;
const MAX_EVENT_TYPE_LENGTH = 255;

export class DatabaseIngestDiagnosticsStore implements IngestDiagnosticsStore {
  constructor(private readonly db: Knex) {}

  async recordUnknownEntityRefs(
    recordsPerRef: Map<string, number>,
    now: number,
  ): Promise<void> {
    for (const [entityRef, records] of recordsPerRef) {
      await this.db('unknown_entity_refs')
        .insert({
          entity_ref: entityRef,
          first_seen_at: now,
          last_seen_at: now,
          records,
        })
        .onConflict('entity_ref')
        .merge({
          last_seen_at: now,
          records: this.db.raw('?? + ?', [
            'unknown_entity_refs.records',
            records,
          ]),
        });
    }
  }

  async listUnknownEntityRefs(
    page: PageRequest,
  ): Promise<StoredPage<UnknownEntityRef>> {
    const cursor = decodeKeyCursor(page.cursor);
    const rows: UnknownEntityRefRow[] = await this.db('unknown_entity_refs')
      .modify(query => {
        if (cursor) {
          query.where('entity_ref', '>', cursor.after);
        }
      })
      .orderBy('entity_ref')
      .limit(page.limit + 1);
    return {
      items: rows.slice(0, page.limit).map(row => ({
        entityRef: row.entity_ref,
        firstSeenAt: toIso(Number(row.first_seen_at)),
        lastSeenAt: toIso(Number(row.last_seen_at)),
        records: Number(row.records),
      })),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: rows[page.limit - 1].entity_ref, pk: 0 })
          : undefined,
    };
  }

  async forgetUnknownEntityRefsInCatalog(): Promise<number> {
    return this.db('unknown_entity_refs')
      .whereIn('entity_ref', this.db('catalog_entities').select('entity_ref'))
      .delete();
  }

  async listUnknownEntityRefsOutsideCatalog(): Promise<string[]> {
    return this.db('unknown_entity_refs')
      .whereNotIn(
        'entity_ref',
        this.db('catalog_entities').select('entity_ref'),
      )
      .orderBy('entity_ref')
      .pluck('entity_ref');
  }

  async recordUnmatchedWebhookEvent(
    event: { source: string; lookup: string; eventType: string },
    now: number,
  ): Promise<void> {
    const lastEvent = event.eventType.slice(0, MAX_EVENT_TYPE_LENGTH);
    await this.db('unmatched_webhook_events')
      .insert({
        source: event.source,
        lookup: event.lookup.slice(0, MAX_LOOKUP_LENGTH),
        events: 1,
        first_seen_at: now,
        last_seen_at: now,
        last_event: lastEvent,
      })
      .onConflict(['source', 'lookup'])
      .merge({
        events: this.db.raw('?? + 1', ['unmatched_webhook_events.events']),
        last_seen_at: now,
        last_event: lastEvent,
      });
  }

  async listUnmatchedWebhookEvents(
    page: PageRequest,
  ): Promise<StoredPage<UnmatchedWebhookEvents>> {
    const cursor = decodeKeyCursor(page.cursor, 2);
    const [afterSource, afterLookup] = cursor
      ? cursor.after.split('\u0000')
      : [];
    const rows: UnmatchedWebhookEventRow[] = await this.db(
      'unmatched_webhook_events',
    )
      .modify(query => {
        if (cursor) {
          query.where(inner =>
            inner
              .where('source', '>', afterSource)
              .orWhere(same =>
                same
                  .where('source', '=', afterSource)
                  .andWhere('lookup', '>', afterLookup ?? ''),
              ),
          );
        }
      })
      .orderBy(['source', 'lookup'])
      .limit(page.limit + 1);
    const last = rows[page.limit - 1];
    return {
      items: rows.slice(0, page.limit).map(row => ({
        source: row.source,
        lookup: row.lookup,
        events: Number(row.events),
        firstSeenAt: toIso(Number(row.first_seen_at)),
        lastSeenAt: toIso(Number(row.last_seen_at)),
        lastEvent: optional(row.last_event),
      })),
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: `${last.source}\u0000${last.lookup}`, pk: 0 })
          : undefined,
    };
  }
}
