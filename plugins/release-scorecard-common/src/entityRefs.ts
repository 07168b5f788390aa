/**
 * Entity refs are compared case-insensitively by the catalog; the scorecard
 * stores them in this canonical lower-case form: `kind:namespace/name`.
 * Returns undefined when the text is not a full or defaultable entity ref.
 */
export function normalizeEntityRef(
  ref: string,
  defaults: { kind?: string; namespace?: string } = {},
): string | undefined {
  const match = /^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/.exec(
    ref.trim(),
  );
  if (!match) {
    return undefined;
  }
  const [
    ,
    kind = defaults.kind,
    namespace = defaults.namespace ?? 'default',
    name,
  ] = match;
  if (!kind) {
    return undefined;
  }
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

/** The `{namespace}/{kind}/{name}` path of an entity ref, as the read API uses it. */
export function entityRefToPath(ref: string): string {
  const normalized = normalizeEntityRef(ref);
  if (!normalized) {
    throw new TypeError(`Not an entity ref: ${ref}`);
  }
  const [, kind, namespace, name] = /^([^:]+):([^/]+)\/(.+)$/.exec(normalized)!;
  return [namespace, kind, name].map(encodeURIComponent).join('/');
}
