/** The identity of a deployment or incident: one row per entity, source and id. */
export function recordKey(record: {
  entityRef: string;
  source: string;
  id: string;
}): string {
  return `${record.entityRef}\u0000${record.source}\u0000${record.id}`;
}
