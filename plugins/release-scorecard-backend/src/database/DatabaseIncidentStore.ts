import { Knex } from 'knex';
import {
  IncidentStatus,
  StoredIncident,
} from '@internal/plugin-release-scorecard-common';
import { IncidentEvidence, mergeIncident, WriteCounts } from '../evidence';
import { chunk } from './chunk';
import { collapseByKey } from './collapseByKey';
import { IncidentStore } from './IncidentStore';
import { lockStoredRecords } from './lockStoredRecords';
import { PageRequest, StoredPage } from './pagination';
import { recordKey } from './recordKey';
import { retryingTransaction } from './retryingTransaction';
import { IncidentRow, optional, provenanceOf } from './rows';
import { selectNewestFirst } from './selectNewestFirst';
import { fromDbMillis, toIso } from './time';

/** Rows per INSERT, well below SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200;

/** The columns of an incident that its evidence sets. */
function incidentToRow(
  i: IncidentEvidence,
): Omit<IncidentRow, 'pk' | 'received_at' | 'updated_at'> {
  return {
    entity_ref: i.entityRef,
    source: i.source,
    external_id: i.id,
    title: i.title,
    severity: i.severity,
    status: i.status,
    opened_at: i.openedAt,
    resolved_at: i.resolvedAt ?? null,
    reopened_at: i.reopenedAt ?? null,
    deployment_id: i.deploymentId ?? null,
    url: i.url ?? null,
  };
}

function incidentFromRow(row: IncidentRow): IncidentEvidence {
  return {
    entityRef: row.entity_ref,
    source: row.source,
    id: row.external_id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    openedAt: Number(row.opened_at),
    resolvedAt: fromDbMillis(row.resolved_at),
    reopenedAt: fromDbMillis(row.reopened_at),
    deploymentId: optional(row.deployment_id),
    url: optional(row.url),
  };
}

function incidentResponse(row: IncidentRow): StoredIncident {
  const i = incidentFromRow(row);
  return {
    id: i.id,
    entityRef: i.entityRef,
    title: i.title,
    severity: i.severity,
    status: i.status,
    openedAt: toIso(i.openedAt),
    resolvedAt: toIso(i.resolvedAt),
    reopenedAt: toIso(i.reopenedAt),
    deploymentId: i.deploymentId,
    url: i.url,
    ...provenanceOf(row),
  };
}

/**
 * Inserts new incidents, `rowsPerInsert` rows per statement. Every incident
 * must be new: a stored one fails the insert on the unique key. The store
 * and the bulk loader both insert through here.
 */
export async function insertIncidents(
  tx: Knex.Transaction,
  incidents: IncidentEvidence[],
  now: number,
  rowsPerInsert = INSERT_CHUNK,
): Promise<void> {
  for (const insertChunk of chunk(incidents, rowsPerInsert)) {
    await tx('incidents').insert(
      insertChunk.map(i => ({
        ...incidentToRow(i),
        received_at: now,
        updated_at: now,
      })),
    );
  }
}

export class DatabaseIncidentStore implements IncidentStore {
  constructor(private readonly db: Knex) {}

  async upsertIncidents(
    incidents: IncidentEvidence[],
    now: number,
  ): Promise<WriteCounts> {
    const incoming = collapseByKey(incidents, recordKey, mergeIncident);
    return retryingTransaction(this.db, async tx => {
      const existing = new Map<
        string,
        { pk: number; incident: IncidentEvidence }
      >();
      for (const row of await lockStoredRecords<IncidentRow>(
        tx,
        'incidents',
        incoming,
      )) {
        const incident = incidentFromRow(row);
        existing.set(recordKey(incident), { pk: Number(row.pk), incident });
      }
      const inserts: IncidentEvidence[] = [];
      let updated = 0;
      for (const incident of incoming) {
        const stored = existing.get(recordKey(incident));
        if (stored) {
          await tx('incidents')
            .where({ pk: stored.pk })
            .update({
              ...incidentToRow(mergeIncident(stored.incident, incident)),
              updated_at: now,
            });
          updated += 1;
        } else {
          inserts.push(incident);
        }
      }
      await insertIncidents(tx, inserts, now);
      return { accepted: inserts.length, updated };
    });
  }

  async listIncidents(
    entityRef: string,
    page: PageRequest,
    filter: { statuses?: IncidentStatus[] } = {},
  ): Promise<StoredPage<StoredIncident>> {
    const { rows, nextCursor } = await selectNewestFirst<
      IncidentRow,
      'opened_at'
    >({
      db: this.db,
      table: 'incidents',
      timeColumn: 'opened_at',
      entityRef,
      page,
      narrow: query => {
        if (filter.statuses) {
          query.whereIn('status', filter.statuses);
        }
      },
    });
    return { items: rows.map(incidentResponse), nextCursor };
  }
}
