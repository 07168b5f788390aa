import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  Entity,
  GroupEntity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

interface OwnerOption {
  ref: string;
  label: string;
}

function toOption(entity: Entity): OwnerOption {
  const ref = stringifyEntityRef(entity);
  const displayName = (entity as GroupEntity).spec?.profile?.displayName;
  return {
    ref,
    label: entity.metadata.title ?? displayName ?? entity.metadata.name,
  };
}

/** Picks the owning group; a group includes its sub-groups on the backend. */
export function OwnerPicker(props: {
  value?: string;
  onChange: (owner: string | undefined) => void;
}) {
  const catalogApi = useApi(catalogApiRef);
  const { value: groups = [], loading } = useAsync(async () => {
    const response = await catalogApi.getEntities({
      filter: { kind: 'Group' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return response.items
      .map(toOption)
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [catalogApi]);

  const selected = props.value
    ? groups.find(
        option =>
          option.ref.toLocaleLowerCase('en-US') ===
          props.value!.toLocaleLowerCase('en-US'),
      ) ?? { ref: props.value, label: props.value }
    : null;
  const options =
    selected && !groups.includes(selected) ? [selected, ...groups] : groups;

  return (
    <Autocomplete
      options={options}
      value={selected}
      loading={loading}
      getOptionLabel={option => option.label}
      getOptionSelected={(option, value) => option.ref === value.ref}
      renderOption={option => (
        <span>
          {option.label}
          {option.label !== option.ref && (
            <>
              {' '}
              <small>({option.ref})</small>
            </>
          )}
        </span>
      )}
      onChange={(_event, option) => props.onChange(option?.ref)}
      renderInput={params => (
        <TextField
          {...params}
          label="Owner"
          placeholder="All teams"
          variant="outlined"
          size="small"
        />
      )}
    />
  );
}
