import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  readFixture,
  readJsonFixture,
  webhookRequest,
} from '../__fixtures__/fixtures';
import { argoCdWebhookSource } from './argocd';
import { argoCdApplicationOf } from './argoRollouts';

const SECRET = 'argocd-notifications-token';
const config = new ConfigReader({ secret: SECRET });
const REVISION = '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b';

const appLookup = {
  type: 'annotation',
  annotation: 'argocd/app-name',
  value: 'payments-api-prod',
};

function map(body: Buffer | object) {
  return argoCdWebhookSource.map(webhookRequest(body), config);
}

function deploymentOf(body: Buffer | object) {
  const result = map(body);
  return result.kind === 'event' ? result.event.deployments?.[0] : result;
}

function patchOf(body: Buffer | object) {
  const result = map(body);
  return result.kind === 'event' ? result.event.deploymentPatches?.[0] : result;
}

describe('argoCdWebhookSource', () => {
  describe('verify', () => {
    const body = readFixture('argocd', 'app.on-sync-succeeded.json');

    it('accepts the bearer token of the webhook service', () => {
      const request = webhookRequest(body, {
        headers: { authorization: `Bearer ${SECRET}` },
      });
      expect(argoCdWebhookSource.verify(request, SECRET)).toBe(true);
    });

    it('refuses a wrong or missing token', () => {
      const verify = (headers: Record<string, string>) =>
        argoCdWebhookSource.verify(webhookRequest(body, { headers }), SECRET);
      expect(
        verify({ authorization: 'Bearer argocd-notifications-tokem' }),
      ).toBe(false);
      expect(verify({})).toBe(false);
      expect(verify({ 'x-argocd-token': SECRET })).toBe(false);
    });
  });

  describe('Argo CD applications', () => {
    it('maps a running sync to an in-progress GitOps deployment of the synced revision', () => {
      expect(
        map(readFixture('argocd', 'app.on-sync-running.json')),
      ).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'on-sync-running',
          lookup: appLookup,
          deployments: [
            {
              id: `payments-api-prod/${REVISION}`,
              environment: 'production',
              revision: REVISION,
              strategy: 'unknown',
              gitops: true,
              status: 'in-progress',
              startedAt: '2024-05-21T09:12:40.000Z',
              url: 'https://argocd.example.com/applications/argocd/payments-api-prod',
            },
          ],
        },
      });
    });

    it('updates the same deployment when the sync succeeds', () => {
      expect(
        map(readFixture('argocd', 'app.on-sync-succeeded.json')),
      ).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'on-sync-succeeded',
          lookup: appLookup,
          deployments: [
            {
              id: `payments-api-prod/${REVISION}`,
              environment: 'production',
              revision: REVISION,
              strategy: 'unknown',
              gitops: true,
              status: 'succeeded',
              startedAt: '2024-05-21T09:12:40.000Z',
              finishedAt: '2024-05-21T09:13:05.000Z',
              url: 'https://argocd.example.com/applications/argocd/payments-api-prod',
            },
          ],
        },
      });
    });

    it('marks the deployment failed when the sync fails or the application degrades', () => {
      expect(
        deploymentOf(readFixture('argocd', 'app.on-sync-failed.json')),
      ).toEqual(
        expect.objectContaining({
          id: `payments-api-prod/${REVISION}`,
          status: 'failed',
          finishedAt: '2024-05-21T09:13:02.000Z',
        }),
      );
      expect(
        deploymentOf(readFixture('argocd', 'app.on-health-degraded.json')),
      ).toEqual(
        expect.objectContaining({
          id: `payments-api-prod/${REVISION}`,
          status: 'failed',
          finishedAt: '2024-05-21T09:13:05.000Z',
        }),
      );
    });

    it('takes the resolved, deployed revision over the requested or a newer target one', () => {
      const body = readJsonFixture('argocd', 'app.on-health-degraded.json');
      body.app.status.sync.revision =
        '0000000000000000000000000000000000000000';
      // A manual sync of a branch requests the branch name.
      body.app.status.operationState.operation.sync.revision = 'main';
      expect(deploymentOf(body)).toEqual(
        expect.objectContaining({ id: `payments-api-prod/${REVISION}` }),
      );
      delete body.app.status.operationState.syncResult;
      body.app.status.operationState.operation.sync = { revisions: [REVISION] };
      expect(deploymentOf(body)).toEqual(
        expect.objectContaining({ revision: REVISION }),
      );
    });

    it('finds the environment in the template, the annotation, the label or the namespace', () => {
      const environmentOf = (change: (body: any) => void) => {
        const body = readJsonFixture('argocd', 'app.on-sync-succeeded.json');
        change(body);
        const deployment = deploymentOf(body);
        return deployment && 'environment' in deployment
          ? deployment.environment
          : deployment;
      };
      expect(environmentOf(body => (body.environment = 'prod-eu'))).toBe(
        'prod-eu',
      );
      expect(environmentOf(() => {})).toBe('production');
      expect(
        environmentOf(body => {
          body.app.metadata.annotations = {};
          body.app.metadata.labels['release-scorecard.io/environment'] = 'prod';
        }),
      ).toBe('prod');
      expect(
        environmentOf(body => {
          body.app.metadata.annotations = null;
          body.environment = '';
        }),
      ).toBe('payments');
      // What Go templates print for a label the application does not have.
      expect(environmentOf(body => (body.environment = '<no value>'))).toBe(
        'production',
      );
      expect(() =>
        environmentOf(body => {
          body.app.metadata.annotations = {};
          delete body.app.spec.destination.namespace;
        }),
      ).toThrow(/environment: not sent/);
    });

    it('passes on the version and commits the template adds', () => {
      const body = readJsonFixture('argocd', 'app.on-sync-succeeded.json');
      body.version = '1.4.0';
      body.commits = [
        { sha: REVISION, committedAt: '2024-05-21T10:54:30+02:00' },
      ];
      expect(deploymentOf(body)).toEqual(
        expect.objectContaining({
          version: '1.4.0',
          commits: [{ sha: REVISION, committedAt: '2024-05-21T08:54:30.000Z' }],
        }),
      );
    });

    it('ignores other triggers and degradations without a sync', () => {
      const created = readJsonFixture('argocd', 'app.on-sync-running.json');
      created.trigger = 'on-created';
      expect(map(created)).toStrictEqual({
        kind: 'ignored',
        eventType: 'on-created',
        reason:
          'The on-created trigger does not change a deployment; send on-sync-running, on-sync-succeeded, on-deployed, on-sync-failed, on-health-degraded',
      });
      const degraded = readJsonFixture('argocd', 'app.on-health-degraded.json');
      delete degraded.app.status.operationState;
      expect(map(degraded)).toStrictEqual({
        kind: 'ignored',
        eventType: 'on-health-degraded',
        reason:
          'Application payments-api-prod has no sync operation to attribute the degradation to',
      });
    });

    it('refuses malformed applications, naming the field', () => {
      const withoutName = readJsonFixture(
        'argocd',
        'app.on-sync-succeeded.json',
      );
      delete withoutName.app.metadata.name;
      expect(() => map(withoutName)).toThrow(InputError);
      expect(() => map(withoutName)).toThrow(/app\.metadata\.name/);

      const withoutOperation = readJsonFixture(
        'argocd',
        'app.on-sync-succeeded.json',
      );
      delete withoutOperation.app.status.operationState;
      expect(() => map(withoutOperation)).toThrow(
        'Invalid Argo CD notification: app.status.operationState: missing for a sync trigger',
      );

      const badStart = readJsonFixture('argocd', 'app.on-sync-succeeded.json');
      badStart.app.status.operationState.startedAt = 42;
      expect(() => map(badStart)).toThrow(
        /app\.status\.operationState\.startedAt/,
      );

      const withoutRevision = readJsonFixture(
        'argocd',
        'app.on-sync-running.json',
      );
      delete withoutRevision.app.status.operationState.syncResult;
      delete withoutRevision.app.status.operationState.operation;
      delete withoutRevision.app.status.sync.revision;
      expect(() => map(withoutRevision)).toThrow(/app\.status\.sync\.revision/);

      const withoutTrigger = readJsonFixture(
        'argocd',
        'app.on-sync-running.json',
      );
      delete withoutTrigger.trigger;
      expect(() => map(withoutTrigger)).toThrow(/trigger/);
    });
  });

  describe('Argo Rollouts', () => {
    it('patches the strategy of the deployment while a canary steps forward', () => {
      expect(
        map(readFixture('argocd', 'rollout.on-rollout-step-completed.json')),
      ).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'on-rollout-step-completed',
          lookup: appLookup,
          deploymentPatches: [
            {
              environment: 'payments',
              fallbackId: 'payments-api-prod/rollout-6d4f8b7c9',
              strategy: 'canary',
              status: 'in-progress',
              startedAt: '2024-05-21T09:13:10.512Z',
            },
          ],
        },
      });
    });

    it('marks the deployment succeeded when the canary completes', () => {
      expect(
        patchOf(readFixture('argocd', 'rollout.on-rollout-completed.json')),
      ).toStrictEqual({
        environment: 'payments',
        fallbackId: 'payments-api-prod/rollout-6d4f8b7c9',
        strategy: 'canary',
        status: 'succeeded',
        startedAt: '2024-05-21T09:23:41.090Z',
        finishedAt: '2024-05-21T09:23:41.090Z',
      });
    });

    it('marks an aborted blue-green rollout rolled back, finding the app by its tracking id', () => {
      expect(
        map(readFixture('argocd', 'rollout.on-rollout-aborted.json')),
      ).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'on-rollout-aborted',
          lookup: {
            type: 'annotation',
            annotation: 'argocd/app-name',
            value: 'checkout-web-staging',
          },
          deploymentPatches: [
            {
              environment: 'checkout-staging',
              fallbackId: 'checkout-web-staging/rollout-8a6b4c2d1e',
              strategy: 'blue-green',
              status: 'rolled-back',
              // No sentAt: the latest condition change dates the event.
              startedAt: '2024-05-21T14:02:19.000Z',
              finishedAt: '2024-05-21T14:02:19.000Z',
            },
          ],
        },
      });
    });

    it('uses the application, environment and link the template sends', () => {
      const body = readJsonFixture(
        'argocd',
        'rollout.on-rollout-completed.json',
      );
      body.app = 'payments-api-eu';
      body.environment = 'production';
      body.url =
        'https://argocd.example.com/applications/argocd/payments-api-eu';
      body.event = 'rollout-completed';
      expect(map(body)).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'on-rollout-completed',
          lookup: { ...appLookup, value: 'payments-api-eu' },
          deploymentPatches: [
            {
              environment: 'production',
              fallbackId: 'payments-api-eu/rollout-6d4f8b7c9',
              strategy: 'canary',
              status: 'succeeded',
              startedAt: '2024-05-21T09:23:41.090Z',
              finishedAt: '2024-05-21T09:23:41.090Z',
              url: 'https://argocd.example.com/applications/argocd/payments-api-eu',
            },
          ],
        },
      });
    });

    it('ignores events that do not change a deployment', () => {
      const body = readJsonFixture(
        'argocd',
        'rollout.on-rollout-completed.json',
      );
      body.event = 'on-analysis-run-failed';
      expect(map(body)).toStrictEqual({
        kind: 'ignored',
        eventType: 'on-analysis-run-failed',
        reason:
          'The on-analysis-run-failed event does not change a deployment; send on-rollout-updated, on-rollout-step-completed, on-rollout-paused, on-rollout-completed, on-rollout-aborted',
      });
    });

    it('refuses rollouts without an application, a pod hash or a time, naming the field', () => {
      const orphan = readJsonFixture(
        'argocd',
        'rollout.on-rollout-completed.json',
      );
      delete orphan.rollout.metadata.labels['argocd.argoproj.io/instance'];
      expect(() => map(orphan)).toThrow(InputError);
      expect(() => map(orphan)).toThrow(
        /Argo Rollouts notification: app: not sent/,
      );

      const withoutHash = readJsonFixture(
        'argocd',
        'rollout.on-rollout-completed.json',
      );
      delete withoutHash.rollout.status.currentPodHash;
      expect(() => map(withoutHash)).toThrow(/rollout\.status\.currentPodHash/);

      const undated = readJsonFixture(
        'argocd',
        'rollout.on-rollout-aborted.json',
      );
      delete undated.rollout.status.conditions;
      expect(() => map(undated)).toThrow(/sentAt: not sent/);

      const badTime = readJsonFixture(
        'argocd',
        'rollout.on-rollout-completed.json',
      );
      badTime.sentAt = 'now';
      expect(() => map(badTime)).toThrow(
        'sentAt is not a valid timestamp: "now"',
      );
    });
  });

  it('refuses bodies that are neither template', () => {
    expect(() =>
      map({ message: 'Application payments-api-prod has been synced' }),
    ).toThrow(/expected an app \(Argo CD\) or rollout \(Argo Rollouts\) field/);
    expect(() =>
      map(Buffer.from('Application payments-api-prod synced')),
    ).toThrow(/not valid JSON/);
  });
});

describe('argoCdApplicationOf', () => {
  it('reads the app from the template, the instance label or the tracking id', () => {
    expect(argoCdApplicationOf('explicit', { name: 'r' })).toBe('explicit');
    expect(
      argoCdApplicationOf(undefined, {
        name: 'r',
        labels: { 'argocd.argoproj.io/instance': 'from-label' },
      }),
    ).toBe('from-label');
    expect(
      argoCdApplicationOf(undefined, {
        name: 'r',
        annotations: {
          'argocd.argoproj.io/tracking-id':
            'from-tracking:apps/Deployment:ns/r',
        },
      }),
    ).toBe('from-tracking');
    expect(argoCdApplicationOf(' ', { name: 'r' })).toBeUndefined();
  });
});
