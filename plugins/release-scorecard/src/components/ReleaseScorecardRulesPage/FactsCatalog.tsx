import { InfoCard } from '@backstage/core-components';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  FactDefinition,
  FactsResponse,
} from '@internal/plugin-release-scorecard-common';
import {
  BreakableText,
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';
import { useState } from 'react';

interface FactRow extends FactDefinition {
  family: boolean;
}

/** Pattern facts list every well-known gate metric; a few show the idea. */
const SHOWN_EXAMPLES = 6;

const useStyles = makeStyles(theme => ({
  code: {
    fontFamily: 'monospace',
    fontSize: '0.85rem',
  },
  examples: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  search: {
    margin: theme.spacing(2),
    maxWidth: 360,
  },
}));

function FactName(props: { fact: FactRow }) {
  const { fact } = props;
  const classes = useStyles();
  // Type and unit read under the name: as columns of their own they were
  // mostly dashes and took the room the examples need.
  const kind = [
    fact.type,
    fact.unit && `in ${fact.unit}`,
    fact.family && 'family of facts',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      <Typography variant="body2" component="code" className={classes.code}>
        <BreakableText text={fact.name} />
      </Typography>
      <Typography variant="caption" color="textSecondary" display="block">
        {kind}
      </Typography>
    </>
  );
}

function FactExamples(props: { examples?: string[] }) {
  const { examples = [] } = props;
  const classes = useStyles();
  if (examples.length === 0) {
    return null;
  }
  const more = examples.length - SHOWN_EXAMPLES;
  return (
    <ul className={classes.examples}>
      {examples.slice(0, SHOWN_EXAMPLES).map(example => (
        <li key={example}>
          <Typography
            variant="caption"
            component="code"
            className={classes.code}
          >
            <BreakableText text={example} />
          </Typography>
        </li>
      ))}
      {more > 0 && (
        <li>
          <Typography variant="caption" color="textSecondary">
            and {more} more
          </Typography>
        </li>
      )}
    </ul>
  );
}

const columns: DataColumn<FactRow>[] = [
  {
    title: 'Fact',
    rowHeader: true,
    minWidth: 220,
    render: fact => <FactName fact={fact} />,
  },
  { title: 'Meaning', minWidth: 240, render: fact => fact.description },
  {
    title: 'Examples',
    minWidth: 220,
    render: fact => <FactExamples examples={fact.examples} />,
  },
];

const matches = (fact: FactRow, search: string) =>
  [fact.name, fact.description, fact.unit ?? '', ...(fact.examples ?? [])]
    .join(' ')
    .toLocaleLowerCase('en-US')
    .includes(search.toLocaleLowerCase('en-US'));

/** What rules can test: each fact with its type, unit and meaning; searchable. */
export function FactsCatalog(props: { facts: FactsResponse }) {
  const classes = useStyles();
  const [search, setSearch] = useState('');
  const rows: FactRow[] = [
    ...props.facts.facts.map(fact => ({ ...fact, family: false })),
    ...props.facts.patterns.map(fact => ({ ...fact, family: true })),
  ].filter(fact => matches(fact, search.trim()));
  return (
    <InfoCard title="Facts rules can test" noPadding>
      <TextField
        id="rules-facts-search"
        type="search"
        size="small"
        variant="outlined"
        label="Search facts"
        value={search}
        onChange={event => setSearch(event.target.value)}
        className={classes.search}
      />
      <DataTable<FactRow>
        columns={columns}
        rows={rows}
        rowKey={fact => fact.name}
        ariaLabel="Facts rules can test"
        empty="No fact matches the search."
      />
    </InfoCard>
  );
}
