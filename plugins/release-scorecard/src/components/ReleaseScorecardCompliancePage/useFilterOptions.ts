import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

export interface EntityOption {
  /** Entity ref, as the compliance API takes it. */
  value: string;
  label: string;
}

export interface FilterOptions {
  owner: EntityOption[];
  system: EntityOption[];
  kind: string[];
  type: string[];
  lifecycle: string[];
}

/** The kinds the scorecard evaluates, for the kind, type and lifecycle pickers. */
const SCORED_KINDS = ['component', 'api', 'resource', 'system'];

const PRESENTATION_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

function toOption(entity: Entity): EntityOption {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return {
    value: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    label: profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
  };
}

const byLabel = (a: EntityOption, b: EntityOption) =>
  a.label.localeCompare(b.label);

/** Choices for the compliance filters, from the catalog: groups, systems and facets. */
export function useFilterOptions() {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<FilterOptions> => {
    const [groups, systems, facets] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'group' },
        fields: PRESENTATION_FIELDS,
      }),
      catalogApi.getEntities({
        filter: { kind: 'system' },
        fields: PRESENTATION_FIELDS,
      }),
      catalogApi.getEntityFacets({
        filter: { kind: SCORED_KINDS },
        facets: ['kind', 'spec.type', 'spec.lifecycle'],
      }),
    ]);
    const values = (facet: string) =>
      (facets.facets[facet] ?? [])
        .map(({ value }) => value.toLocaleLowerCase('en-US'))
        .filter((value, index, all) => all.indexOf(value) === index)
        .sort();
    return {
      owner: groups.items.map(toOption).sort(byLabel),
      system: systems.items.map(toOption).sort(byLabel),
      kind: values('kind'),
      type: values('spec.type'),
      lifecycle: values('spec.lifecycle'),
    };
  }, [catalogApi]);
}
