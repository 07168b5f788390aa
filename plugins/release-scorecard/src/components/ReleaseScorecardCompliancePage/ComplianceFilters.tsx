import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  READINESS_STATUSES,
  RULE_STATUSES,
} from '@internal/plugin-release-scorecard-common';
import { ComplianceFilter } from '../../api';
import { READINESS_LABELS, RULE_STATUS_LABELS } from '../StatusChips';
import { EntityOption, FilterOptions } from './useFilterOptions';

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: theme.spacing(2),
    alignItems: 'start',
  },
}));

const EMPTY_OPTIONS: FilterOptions = {
  owner: [],
  system: [],
  kind: [],
  type: [],
  lifecycle: [],
};

function EntityPicker(props: {
  label: string;
  options: EntityOption[];
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { label, options, values, onChange } = props;
  // Values from a shared URL that the catalog no longer lists still show.
  const known = new Map(options.map(option => [option.value, option]));
  const selected = values.map(
    value => known.get(value) ?? { value, label: value },
  );
  return (
    <Autocomplete<EntityOption, true>
      multiple
      size="small"
      options={options}
      value={selected}
      getOptionLabel={option => option.label}
      getOptionSelected={(option, value) => option.value === value.value}
      onChange={(_event, next) => onChange(next.map(option => option.value))}
      renderInput={params => (
        <TextField {...params} variant="outlined" label={label} />
      )}
    />
  );
}

function ValuePicker(props: {
  label: string;
  options: string[];
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const { label, options, values, onChange } = props;
  return (
    <Autocomplete<string, true>
      multiple
      size="small"
      options={options}
      value={values}
      onChange={(_event, next) => onChange(next)}
      renderInput={params => (
        <TextField {...params} variant="outlined" label={label} />
      )}
    />
  );
}

/**
 * A native select: its label names it for assistive technology (a select
 * without an id has no accessible name) and it works with the keyboard
 * like any other.
 */
function SinglePicker(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const { id, label, value, options, onChange } = props;
  return (
    <TextField
      select
      id={id}
      size="small"
      variant="outlined"
      label={label}
      value={value ?? ''}
      onChange={event => onChange(event.target.value || undefined)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">Any</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

/** Who, what and which status to look at: the filters of the compliance view. */
export function ComplianceFilters(props: {
  filter: ComplianceFilter;
  onChange: (filter: ComplianceFilter) => void;
  options: FilterOptions | undefined;
  rules: Array<{ id: string; title: string }>;
}) {
  const { filter, onChange, rules } = props;
  const options = props.options ?? EMPTY_OPTIONS;
  const classes = useStyles();
  const set = (change: Partial<ComplianceFilter>) =>
    onChange({ ...filter, ...change });
  const hasFilters = Object.values(filter).some(value =>
    Array.isArray(value) ? value.length > 0 : Boolean(value),
  );

  return (
    <Box component="section" aria-label="Filters" className={classes.filters}>
      <EntityPicker
        label="Owner (with sub-groups)"
        options={options.owner}
        values={filter.owner ?? []}
        onChange={owner => set({ owner })}
      />
      <EntityPicker
        label="System"
        options={options.system}
        values={filter.system ?? []}
        onChange={system => set({ system })}
      />
      <ValuePicker
        label="Kind"
        options={options.kind}
        values={filter.kind ?? []}
        onChange={kind => set({ kind })}
      />
      <ValuePicker
        label="Type"
        options={options.type}
        values={filter.type ?? []}
        onChange={type => set({ type })}
      />
      <ValuePicker
        label="Lifecycle"
        options={options.lifecycle}
        values={filter.lifecycle ?? []}
        onChange={lifecycle => set({ lifecycle })}
      />
      <SinglePicker
        id="compliance-filter-rule"
        label="Rule"
        value={filter.rule}
        options={rules.map(rule => ({ value: rule.id, label: rule.title }))}
        onChange={rule => set({ rule })}
      />
      <SinglePicker
        id="compliance-filter-status"
        label={filter.rule ? 'Status of the rule' : 'Status of any rule'}
        value={filter.status}
        options={RULE_STATUSES.map(status => ({
          value: status,
          label: RULE_STATUS_LABELS[status],
        }))}
        onChange={status =>
          set({ status: status as ComplianceFilter['status'] })
        }
      />
      <SinglePicker
        id="compliance-filter-readiness"
        label="Readiness"
        value={filter.readiness}
        options={READINESS_STATUSES.map(status => ({
          value: status,
          label: READINESS_LABELS[status],
        }))}
        onChange={readiness =>
          set({ readiness: readiness as ComplianceFilter['readiness'] })
        }
      />
      {hasFilters && (
        <Box alignSelf="center">
          <Button onClick={() => onChange({})}>Clear filters</Button>
        </Box>
      )}
    </Box>
  );
}
