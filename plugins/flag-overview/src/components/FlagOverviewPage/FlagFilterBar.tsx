import { ChangeEvent } from 'react';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import {
  FLAG_TYPES,
  FlagType,
} from '@internal/plugin-release-scorecard-common';
import { providerTitle } from '../shared';
import { FlagFilters } from './flagFilters';
import { OwnerPicker } from './OwnerPicker';

/** The providers the backend polls; pushed flags may name others. */
const KNOWN_PROVIDERS = ['unleash', 'launchdarkly', 'flagsmith'];

function NativeSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <TextField
      select
      fullWidth
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={(event: ChangeEvent<HTMLInputElement>) =>
        props.onChange(event.target.value)
      }
      variant="outlined"
      size="small"
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {props.options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

/** Owner, provider, type and staleness filters. */
export function FlagFilterBar(props: {
  filters: FlagFilters;
  onChange: (change: Partial<FlagFilters>) => void;
}) {
  const { filters, onChange } = props;
  const providers =
    filters.provider && !KNOWN_PROVIDERS.includes(filters.provider)
      ? [...KNOWN_PROVIDERS, filters.provider]
      : KNOWN_PROVIDERS;
  const staleValue = filters.stale === undefined ? '' : String(filters.stale);

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <OwnerPicker
          value={filters.owner}
          onChange={owner => onChange({ owner })}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <NativeSelect
          id="flag-filter-provider"
          label="Provider"
          value={filters.provider ?? ''}
          onChange={value => onChange({ provider: value || undefined })}
          options={[
            { value: '', label: 'All providers' },
            ...providers.map(provider => ({
              value: provider,
              label: providerTitle(provider),
            })),
          ]}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={2}>
        <NativeSelect
          id="flag-filter-type"
          label="Type"
          value={filters.type ?? ''}
          onChange={value =>
            onChange({ type: (value || undefined) as FlagType | undefined })
          }
          options={[
            { value: '', label: 'All types' },
            ...FLAG_TYPES.map(type => ({ value: type, label: type })),
          ]}
        />
      </Grid>
      <Grid item xs={12} sm={4} md={3}>
        <NativeSelect
          id="flag-filter-staleness"
          label="Staleness"
          value={staleValue}
          onChange={value =>
            onChange({ stale: value === '' ? undefined : value === 'true' })
          }
          options={[
            { value: '', label: 'Stale and current' },
            { value: 'true', label: 'Stale only' },
            { value: 'false', label: 'Not stale' },
          ]}
        />
      </Grid>
    </Grid>
  );
}
