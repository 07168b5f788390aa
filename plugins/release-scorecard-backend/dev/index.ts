/*
 * Runs the plugin alone, with a mocked catalog holding one service:
 *
 *   npm start --workspace @internal/plugin-release-scorecard-backend
 *
 *   curl -X POST http://localhost:7007/api/release-scorecard/ingest/deployments \
 *     -H 'Authorization: Bearer mock-service-token' -H 'Content-Type: application/json' \
 *     -d '{"deployments":[{"id":"d1","entityRef":"component:default/sample","environment":"production","revision":"abc","strategy":"canary","gitops":true,"status":"succeeded","startedAt":"2026-11-20T10:00:00Z","finishedAt":"2026-11-20T10:10:00Z"}]}'
 *   curl http://localhost:7007/api/release-scorecard/entities/default/component/sample/deployments \
 *     -H 'Authorization: Bearer mock-user-token'
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'sample',
          annotations: { 'argocd/app-name': 'sample' },
        },
        spec: {
          type: 'service',
          owner: 'group:default/team',
          lifecycle: 'production',
        },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
