import { Entity } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  EntityScorecard,
  StoredPipelineRun,
} from '@internal/plugin-release-scorecard-common';
import { releaseScorecardApiRef } from '../../api';
import { describeBlockers } from '../../blockers';
import { formatDateTime, formatRelativeTime, shortSha } from '../../format';
import { sortGates } from '../../gates';
import { gateVerdictOfRun } from '../../readiness';
import {
  CursorPagedTable,
  DataColumn,
  useCursorPagination,
} from '@internal/plugin-release-scorecard-react';
import { EvidenceEmptyState } from '../EvidenceEmptyState';
import { GateChip, ReadinessChip } from '../StatusChips';

const PAGE_SIZE = 10;

interface RunRow {
  run: StoredPipelineRun;
  /** The run's gates, required ones first. */
  gates: StoredPipelineRun['gates'];
  isCandidate: boolean;
  status: 'ready' | 'blocked';
  problems: string[];
  missingGates: string[];
}

const columns: DataColumn<RunRow>[] = [
  {
    title: 'Started',
    noWrap: true,
    render: ({ run, isCandidate }) => (
      <>
        <Typography variant="body2" title={formatDateTime(run.startedAt)}>
          {formatRelativeTime(run.startedAt)}
        </Typography>
        {isCandidate && (
          <Typography variant="caption" color="textSecondary">
            release candidate
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Revision',
    noWrap: true,
    render: ({ run }) => (
      <>
        <Typography
          variant="body2"
          style={{ fontFamily: 'monospace' }}
          title={run.revision}
        >
          {run.url ? (
            <Link to={run.url}>{shortSha(run.revision)}</Link>
          ) : (
            shortSha(run.revision)
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {[run.version && `version ${run.version}`, run.branch]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
      </>
    ),
  },
  {
    title: 'Readiness',
    minWidth: '11rem',
    render: ({ status, problems }) => (
      <Box
        display="flex"
        flexDirection="column"
        alignItems="flex-start"
        gridGap={4}
      >
        <ReadinessChip status={status} />
        {problems.length > 0 && (
          <Typography variant="caption">{problems.join(', ')}</Typography>
        )}
      </Box>
    ),
  },
  {
    title: 'Gates',
    width: '55%',
    minWidth: '16rem',
    render: ({ gates, missingGates }) => (
      <Box display="flex" flexWrap="wrap" gridGap={4}>
        {gates.map(gate => (
          <GateChip
            key={gate.gate}
            gate={gate.gate}
            status={gate.status}
            metrics={gate.metrics}
            url={gate.url}
          />
        ))}
        {missingGates.map(gate => (
          <GateChip key={gate} gate={gate} status="missing" />
        ))}
      </Box>
    ),
  },
];

/**
 * Recent pipeline runs with their gates and whether each could ship. The
 * release candidate shows the backend's verdict, which also weighs the
 * blocking rules.
 */
export function PipelineRunsCard(props: {
  entity: Entity;
  entityRef: string;
  scorecard: EntityScorecard;
  requiredGates: string[];
}) {
  const { entity, entityRef, scorecard, requiredGates } = props;
  const api = useApi(releaseScorecardApiRef);
  const pages = useCursorPagination(
    cursor => api.listPipelineRuns(entityRef, { limit: PAGE_SIZE, cursor }),
    entityRef,
  );

  const rowsOf = (runs: StoredPipelineRun[]): RunRow[] =>
    runs.map(run => {
      const isCandidate = run.id === scorecard.readiness.pipelineRunId;
      const gates = sortGates(run.gates, requiredGates);
      const verdict = gateVerdictOfRun(run, requiredGates);
      const missingGates = requiredGates.filter(
        gate => !run.gates.some(item => item.gate === gate),
      );
      if (isCandidate && scorecard.readiness.status !== 'unknown') {
        const ruleProblems = describeBlockers(scorecard)
          .filter(blocker => blocker.kind === 'rule')
          .map(blocker =>
            blocker.reason
              ? `${blocker.text} (${blocker.reason})`
              : blocker.text,
          );
        return {
          run,
          gates,
          isCandidate,
          status: scorecard.readiness.status,
          problems: [...verdict.problems, ...ruleProblems],
          missingGates,
        };
      }
      return { run, gates, isCandidate, ...verdict, missingGates };
    });

  const rowPages = {
    ...pages,
    state: {
      ...pages.state,
      value: pages.state.value && {
        ...pages.state.value,
        items: rowsOf(pages.state.value.items),
      },
    },
  };

  return (
    <InfoCard
      title="Pipeline runs"
      subheader="Readiness of recent runs and their quality gates"
    >
      <CursorPagedTable<RunRow>
        pages={rowPages}
        columns={columns}
        pageSize={PAGE_SIZE}
        title="Pipeline runs"
        rowKey={row => row.run.id}
        empty={<EvidenceEmptyState entity={entity} evidence="pipelines" />}
      />
    </InfoCard>
  );
}
