import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { AsyncView } from '@internal/plugin-release-scorecard-react';
import { ReactNode, useCallback } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { releaseScorecardApiRef } from '../../api';
import { DeploymentsCard } from './DeploymentsCard';
import { DEFAULT_DORA_WINDOW, DoraCard, parseDoraWindow } from './DoraCard';
import { IncidentsCard } from './IncidentsCard';
import { PipelineRunsCard } from './PipelineRunsCard';
import { ReadinessCard } from './ReadinessCard';
import { RuleHistoryCard } from './RuleHistoryCard';
import { RulesCard } from './RulesCard';
import { PageSection, SECTION_SCROLL_MARGIN, SectionNav } from './SectionNav';

/** The sections of the tab, in page order; their ids are the URL's hash. */
export const ENTITY_TAB_SECTIONS: PageSection[] = [
  { id: 'readiness', title: 'Readiness' },
  { id: 'pipeline-runs', title: 'Pipeline runs' },
  { id: 'rules', title: 'Rules' },
  { id: 'dora', title: 'DORA' },
  { id: 'deployments', title: 'Deployments' },
  { id: 'incidents', title: 'Incidents' },
  { id: 'rule-history', title: 'Rule history' },
];

/** Search parameters of the tab: the DORA window and the rule of the history. */
const WINDOW_PARAM = 'window';
const HISTORY_RULE_PARAM = 'historyRule';

/**
 * A value kept in the tab's query string, so that a reload, a bookmark or a
 * shared link shows the same view. The default is left out of the URL; the
 * hash (the section) is kept.
 */
function useTabSearchParam(
  name: string,
  defaultValue: string,
): [string, (value: string) => void] {
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const value = searchParams.get(name) ?? defaultValue;
  const setValue = useCallback(
    (next: string) => {
      const params = new URLSearchParams(location.search);
      if (next === defaultValue) {
        params.delete(name);
      } else {
        params.set(name, next);
      }
      const search = params.toString();
      navigate(
        {
          pathname: location.pathname,
          search: search ? `?${search}` : '',
          hash: location.hash,
        },
        { replace: true },
      );
    },
    [name, defaultValue, location, navigate],
  );
  return [value, setValue];
}

function Section(props: { id: string; children: ReactNode }) {
  return (
    <Box id={props.id} style={{ scrollMarginTop: SECTION_SCROLL_MARGIN }}>
      {props.children}
    </Box>
  );
}

/**
 * The entity tab "Release & reliability": readiness and pipeline runs, every
 * rule, DORA with trends and the records behind it, deployments, incidents
 * and the rule history, with a bar of links to each. The DORA window and the
 * history's rule live in the URL.
 */
export function EntityReleaseScorecardContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(releaseScorecardApiRef);
  const [windowParam, setWindowParam] = useTabSearchParam(
    WINDOW_PARAM,
    String(DEFAULT_DORA_WINDOW),
  );
  const windowDays = parseDoraWindow(windowParam);
  const [historyRule, setHistoryRule] = useTabSearchParam(
    HISTORY_RULE_PARAM,
    '',
  );
  const state = useAsync(async () => {
    const [scorecard, rules] = await Promise.all([
      api.getScorecard(entityRef),
      api.getRules(),
    ]);
    return {
      scorecard,
      requiredGates: rules.requiredGates,
      levels: rules.levels,
    };
  }, [api, entityRef]);

  return (
    <Box>
      <SectionNav sections={ENTITY_TAB_SECTIONS} ready={Boolean(state.value)} />
      <AsyncView state={state}>
        {({ scorecard, requiredGates, levels }) => (
          <Box display="flex" flexDirection="column" gridGap={24}>
            <Section id="readiness">
              <ReadinessCard scorecard={scorecard} />
            </Section>
            <Section id="pipeline-runs">
              <PipelineRunsCard
                entity={entity}
                entityRef={entityRef}
                scorecard={scorecard}
                requiredGates={requiredGates}
              />
            </Section>
            <Section id="rules">
              <RulesCard scorecard={scorecard} levels={levels} />
            </Section>
            <Section id="dora">
              <DoraCard
                entityRef={entityRef}
                windowDays={windowDays}
                onWindowChange={days => setWindowParam(String(days))}
              />
            </Section>
            <Section id="deployments">
              <DeploymentsCard entity={entity} entityRef={entityRef} />
            </Section>
            <Section id="incidents">
              <IncidentsCard entity={entity} entityRef={entityRef} />
            </Section>
            <Section id="rule-history">
              <RuleHistoryCard
                entityRef={entityRef}
                scorecard={scorecard}
                rule={historyRule}
                onRuleChange={setHistoryRule}
              />
            </Section>
          </Box>
        )}
      </AsyncView>
    </Box>
  );
}
