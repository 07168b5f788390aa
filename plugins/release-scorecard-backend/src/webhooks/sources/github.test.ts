import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  hmacHex,
  readFixture,
  readJsonFixture,
  webhookRequest,
} from '../__fixtures__/fixtures';
import { githubWebhookSource } from './github';

const SECRET = 'It is a secret to everybody';
const config = new ConfigReader({ secret: SECRET });

function githubRequest(event: string, body: Buffer | object) {
  return webhookRequest(body, { headers: { 'x-github-event': event } });
}

function workflowRun(changes: Record<string, unknown>) {
  const payload = readJsonFixture('github', 'workflow_run.completed.json');
  return { ...payload, workflow_run: { ...payload.workflow_run, ...changes } };
}

describe('githubWebhookSource', () => {
  describe('verify', () => {
    const body = readFixture('github', 'workflow_run.completed.json');
    const signed = (signature: string | undefined, rawBody = body) =>
      webhookRequest(rawBody, {
        headers: signature ? { 'x-hub-signature-256': signature } : {},
      });

    it('accepts the X-Hub-Signature-256 of the raw body', () => {
      const request = signed(`sha256=${hmacHex(SECRET, body)}`);
      expect(githubWebhookSource.verify(request, SECRET)).toBe(true);
    });

    it('refuses a wrong, missing or stale signature', () => {
      const signature = `sha256=${hmacHex(SECRET, body)}`;
      expect(
        githubWebhookSource.verify(
          signed(`sha256=${hmacHex('other', body)}`),
          SECRET,
        ),
      ).toBe(false);
      expect(githubWebhookSource.verify(signed(undefined), SECRET)).toBe(false);
      expect(
        githubWebhookSource.verify(
          signed(signature, Buffer.concat([body, Buffer.from(' ')])),
          SECRET,
        ),
      ).toBe(false);
      // The digest without its algorithm prefix is not what GitHub sends.
      expect(
        githubWebhookSource.verify(signed(hmacHex(SECRET, body)), SECRET),
      ).toBe(false);
    });
  });

  describe('workflow_run', () => {
    it('maps a completed run to a gate report of its commit', () => {
      const request = githubRequest(
        'workflow_run',
        readFixture('github', 'workflow_run.completed.json'),
      );
      expect(githubWebhookSource.map(request, config)).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'workflow_run.completed',
          lookup: {
            type: 'annotation',
            annotation: 'github.com/project-slug',
            value: 'octo-org/octo-repo',
          },
          gateReports: [
            {
              revision: '3484a3fb816e0859fd6e1cea078d76385ff50625',
              branch: 'master',
              startedAt: '2020-10-05T16:33:24.000Z',
              gate: 'test',
              status: 'passed',
              url: 'https://github.com/octo-org/octo-repo/actions/runs/289782451',
              reportedAt: '2020-10-05T16:33:49.000Z',
            },
          ],
        },
      });
    });

    it('names the gate from workflowGates, else the workflow name in kebab case', () => {
      const gateOf = (body: object, sourceConfig = config) => {
        const result = githubWebhookSource.map(
          githubRequest('workflow_run', body),
          sourceConfig,
        );
        return result.kind === 'event'
          ? result.event.gateReports?.[0].gate
          : result;
      };
      const mapped = new ConfigReader({
        secret: SECRET,
        workflowGates: { test: 'unit-tests', 'Load test (k6)': 'load-test' },
      });
      expect(gateOf(workflowRun({}), mapped)).toBe('unit-tests');
      expect(gateOf(workflowRun({ name: 'Load test (k6)' }), mapped)).toBe(
        'load-test',
      );
      expect(gateOf(workflowRun({ name: 'Functional Tests' }))).toBe(
        'functional-tests',
      );
      expect(gateOf(workflowRun({ name: 'Unit test' }))).toBe('unit-tests');
      expect(gateOf(workflowRun({ name: 'e2e_smoke' }))).toBe('e2e-smoke');
    });

    it.each([
      ['success', 'passed'],
      ['failure', 'failed'],
      ['timed_out', 'failed'],
      ['cancelled', 'failed'],
      ['skipped', 'skipped'],
      ['neutral', 'skipped'],
    ])('maps the conclusion %s to %s', (conclusion, status) => {
      const result = githubWebhookSource.map(
        githubRequest('workflow_run', workflowRun({ conclusion })),
        config,
      );
      expect(
        result.kind === 'event' && result.event.gateReports?.[0].status,
      ).toBe(status);
    });

    it('ignores runs that are not completed and conclusions that are not results', () => {
      const requested = readJsonFixture(
        'github',
        'workflow_run.completed.json',
      );
      requested.action = 'requested';
      requested.workflow_run.conclusion = null;
      expect(
        githubWebhookSource.map(
          githubRequest('workflow_run', requested),
          config,
        ),
      ).toStrictEqual({
        kind: 'ignored',
        eventType: 'workflow_run.requested',
        reason:
          'Only completed workflow runs report a gate, this one is requested',
      });
      expect(
        githubWebhookSource.map(
          githubRequest(
            'workflow_run',
            workflowRun({ conclusion: 'action_required' }),
          ),
          config,
        ),
      ).toStrictEqual({
        kind: 'ignored',
        eventType: 'workflow_run.completed',
        reason: 'The conclusion action_required is not a gate result',
      });
    });

    it('refuses payloads without the commit or with wrong types, naming the field', () => {
      const map = (body: object) => () =>
        githubWebhookSource.map(githubRequest('workflow_run', body), config);
      expect(map(workflowRun({ head_sha: undefined }))).toThrow(InputError);
      expect(map(workflowRun({ head_sha: undefined }))).toThrow(
        /workflow_run\.head_sha/,
      );
      expect(map(workflowRun({ updated_at: 1601915629 }))).toThrow(
        /workflow_run\.updated_at/,
      );
      expect(map(workflowRun({ updated_at: 'yesterday' }))).toThrow(
        'workflow_run.updated_at is not a valid timestamp: "yesterday"',
      );
      const { repository, ...withoutRepository } = workflowRun({});
      expect(repository).toBeDefined();
      expect(map(withoutRepository)).toThrow(/repository/);
    });

    it('reports an operator error when workflowGates is not a map of names', () => {
      const broken = new ConfigReader({
        secret: SECRET,
        workflowGates: ['test'],
      });
      expect(() =>
        githubWebhookSource.map(
          githubRequest('workflow_run', workflowRun({})),
          broken,
        ),
      ).toThrow('releaseScorecard.webhooks.github.workflowGates');
    });
  });

  describe('deployment_status', () => {
    it('maps a successful deployment status to a finished deployment', () => {
      const request = githubRequest(
        'deployment_status',
        readFixture('github', 'deployment_status.created.json'),
      );
      expect(githubWebhookSource.map(request, config)).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'deployment_status.created',
          lookup: {
            type: 'annotation',
            annotation: 'github.com/project-slug',
            value: 'Codertocat/Hello-World',
          },
          deployments: [
            {
              id: '145988746',
              environment: 'production',
              revision: 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e',
              strategy: 'unknown',
              gitops: false,
              status: 'succeeded',
              startedAt: '2019-05-15T15:20:53.000Z',
              finishedAt: '2019-05-15T15:20:55.000Z',
            },
          ],
        },
      });
    });

    it('reads strategy, version and commits from the deployment payload', () => {
      const request = githubRequest(
        'deployment_status',
        readFixture('github', 'deployment_status.in_progress.json'),
      );
      expect(githubWebhookSource.map(request, config)).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'deployment_status.created',
          lookup: {
            type: 'annotation',
            annotation: 'github.com/project-slug',
            value: 'Codertocat/Hello-World',
          },
          deployments: [
            {
              id: '145988750',
              environment: 'production',
              revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
              version: '1.4.0',
              strategy: 'canary',
              gitops: false,
              status: 'in-progress',
              startedAt: '2024-05-21T09:13:40.000Z',
              commits: [
                {
                  sha: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
                  committedAt: '2024-05-20T16:02:11.000Z',
                },
                {
                  sha: '4b7e0c9a1d2f3e4a5b6c7d8e9f0a1b2c3d4e5f6a',
                  committedAt: '2024-05-20T09:47:39.000Z',
                },
              ],
              url: 'https://github.com/Codertocat/Hello-World/actions/runs/9127463920',
            },
          ],
        },
      });
    });

    function deploymentWith(state: string, payload: unknown) {
      const body = readJsonFixture('github', 'deployment_status.created.json');
      body.deployment_status.state = state;
      body.deployment.payload = payload;
      return githubWebhookSource.map(
        githubRequest('deployment_status', body),
        config,
      );
    }

    it.each([
      ['success', 'succeeded'],
      ['failure', 'failed'],
      ['error', 'failed'],
      ['in_progress', 'in-progress'],
      ['queued', 'in-progress'],
      ['pending', 'in-progress'],
    ])('maps the state %s to %s', (state, status) => {
      const result = deploymentWith(state, {});
      expect(
        result.kind === 'event' && result.event.deployments?.[0].status,
      ).toBe(status);
    });

    it('ignores inactive statuses', () => {
      expect(deploymentWith('inactive', {})).toStrictEqual({
        kind: 'ignored',
        eventType: 'deployment_status.created',
        reason: 'The deployment state inactive does not change a deployment',
      });
    });

    it('keeps strategy unknown for payloads that do not name a known one', () => {
      const strategyOf = (payload: unknown) => {
        const result = deploymentWith('success', payload);
        return (
          result.kind === 'event' && result.event.deployments?.[0].strategy
        );
      };
      expect(strategyOf({ strategy: 'blue-green' })).toBe('blue-green');
      expect(strategyOf('{"strategy":"rolling"}')).toBe('rolling');
      expect(strategyOf({ strategy: 'big-bang' })).toBe('unknown');
      expect(strategyOf('deploy everything')).toBe('unknown');
      expect(strategyOf(null)).toBe('unknown');
    });

    it('refuses malformed commits and deployments, naming the field', () => {
      expect(() =>
        deploymentWith('success', { commits: [{ sha: 'abc' }] }),
      ).toThrow(/commits\[0\]\.committedAt/);
      const body = readJsonFixture('github', 'deployment_status.created.json');
      body.deployment.id = '145988746';
      expect(() =>
        githubWebhookSource.map(
          githubRequest('deployment_status', body),
          config,
        ),
      ).toThrow(/deployment\.id/);
    });
  });

  it('ignores ping and unused events, saying why', () => {
    expect(
      githubWebhookSource.map(
        githubRequest('ping', readFixture('github', 'ping.json')),
        config,
      ),
    ).toStrictEqual({
      kind: 'ignored',
      eventType: 'ping',
      reason: 'GitHub sends ping when the webhook is created',
    });
    expect(
      githubWebhookSource.map(githubRequest('push', {}), config),
    ).toStrictEqual({
      kind: 'ignored',
      eventType: 'push',
      reason:
        'The push event is not used; subscribe to workflow_run and deployment_status',
    });
  });

  it('refuses requests without an event name or with a body that is not JSON', () => {
    expect(() =>
      githubWebhookSource.map(webhookRequest(Buffer.from('{}')), config),
    ).toThrow('The X-GitHub-Event header is missing');
    expect(() =>
      githubWebhookSource.map(
        githubRequest('workflow_run', Buffer.from('{"action": "completed"')),
        config,
      ),
    ).toThrow(InputError);
  });
});
