import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import {
  FactDefinition,
  FactsResponse,
} from '@internal/plugin-release-scorecard-common';

interface FactRow extends FactDefinition {
  id: string;
  family: boolean;
}

const columns: TableColumn<FactRow>[] = [
  {
    title: 'Fact',
    field: 'name',
    render: fact => (
      <>
        <Typography variant="body2" style={{ fontFamily: 'monospace' }}>
          {fact.name}
        </Typography>
        {fact.family && (
          <Typography variant="caption" color="textSecondary">
            family of facts
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Type', field: 'type' },
  { title: 'Unit', field: 'unit', emptyValue: '—' },
  { title: 'Meaning', field: 'description', width: '40%' },
  {
    title: 'Examples',
    sorting: false,
    render: fact =>
      fact.examples && fact.examples.length > 0 ? (
        <Typography variant="caption" style={{ fontFamily: 'monospace' }}>
          {fact.examples.slice(0, 4).join(', ')}
          {fact.examples.length > 4 ? ', …' : ''}
        </Typography>
      ) : (
        '—'
      ),
  },
];

/** What rules can test: each fact with its type, unit and meaning; searchable. */
export function FactsCatalog(props: { facts: FactsResponse }) {
  const rows: FactRow[] = [
    ...props.facts.facts.map(fact => ({
      ...fact,
      id: fact.name,
      family: false,
    })),
    ...props.facts.patterns.map(fact => ({
      ...fact,
      id: fact.name,
      family: true,
    })),
  ];
  return (
    <Table<FactRow>
      title="Facts rules can test"
      columns={columns}
      data={rows}
      options={{
        paging: false,
        padding: 'dense',
        search: true,
        draggable: false,
      }}
    />
  );
}
