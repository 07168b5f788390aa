import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import RuleIcon from '@material-ui/icons/PlaylistAddCheck';
import { ReleaseScorecardClient, releaseScorecardApiRef } from './api';
import { complianceRouteRef, ENTITY_TAB_PATH, rulesRouteRef } from './routes';

/*
 * The Release Scorecard for the new frontend system. Pages with a title and an
 * icon also appear in the sidebar (NavItemBlueprint was removed in
 * @backstage/frontend-plugin-api 0.17).
 */

const releaseScorecardApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: releaseScorecardApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReleaseScorecardClient({ discoveryApi, fetchApi }),
    }),
});

/** On the overview of every service. */
const releaseScorecardEntityCard = EntityCardBlueprint.make({
  name: 'scorecard',
  params: {
    type: 'content',
    filter: { kind: 'component', 'spec.type': 'service' },
    loader: () =>
      import('./components/EntityReleaseScorecardCard').then(m =>
        compatWrapper(<m.EntityReleaseScorecardCard />),
      ),
  },
});

/** The "Release & reliability" tab of every component. */
const releaseScorecardEntityContent = EntityContentBlueprint.make({
  name: 'release',
  params: {
    path: `/${ENTITY_TAB_PATH}`,
    title: 'Release & reliability',
    filter: { kind: 'component' },
    loader: () =>
      import('./components/EntityReleaseScorecardContent').then(m =>
        compatWrapper(<m.EntityReleaseScorecardContent />),
      ),
  },
});

const compliancePage = PageBlueprint.make({
  name: 'compliance',
  params: {
    path: '/release-scorecard/compliance',
    title: 'Compliance',
    icon: <AssessmentIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(complianceRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/ReleaseScorecardCompliancePage').then(m =>
        compatWrapper(<m.ReleaseScorecardCompliancePage />),
      ),
  },
});

const rulesPage = PageBlueprint.make({
  name: 'rules',
  params: {
    path: '/release-scorecard/rules',
    title: 'Release rules',
    icon: <RuleIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(rulesRouteRef),
    noHeader: true,
    loader: () =>
      import('./components/ReleaseScorecardRulesPage').then(m =>
        compatWrapper(<m.ReleaseScorecardRulesPage />),
      ),
  },
});

/** @alpha */
export default createFrontendPlugin({
  pluginId: 'release-scorecard',
  title: 'Release Scorecard',
  icon: <AssessmentIcon fontSize="inherit" />,
  routes: {
    compliance: convertLegacyRouteRef(complianceRouteRef),
    rules: convertLegacyRouteRef(rulesRouteRef),
  },
  extensions: [
    releaseScorecardApi,
    releaseScorecardEntityCard,
    releaseScorecardEntityContent,
    compliancePage,
    rulesPage,
  ],
});
