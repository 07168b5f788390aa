import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  readFixture,
  readJsonFixture,
  webhookRequest,
} from '../__fixtures__/fixtures';
import { gitlabJobGateName, gitlabWebhookSource } from './gitlab';

const SECRET = 'glpat-webhook-token';
const config = new ConfigReader({ secret: SECRET });

const lookup = {
  type: 'annotation',
  annotation: 'gitlab.com/project-slug',
  value: 'acme/payments-api',
};

function map(body: Buffer | object) {
  return gitlabWebhookSource.map(webhookRequest(body), config);
}

describe('gitlabWebhookSource', () => {
  describe('verify', () => {
    const body = readFixture('gitlab', 'pipeline.success.json');

    it('accepts the X-Gitlab-Token that equals the secret', () => {
      const request = webhookRequest(body, {
        headers: { 'x-gitlab-token': SECRET },
      });
      expect(gitlabWebhookSource.verify(request, SECRET)).toBe(true);
    });

    it('refuses a wrong, missing, longer or repeated token', () => {
      const verify = (headers: Record<string, string | string[]>) =>
        gitlabWebhookSource.verify(webhookRequest(body, { headers }), SECRET);
      expect(verify({ 'x-gitlab-token': 'glpat-webhook-tokem' })).toBe(false);
      expect(verify({})).toBe(false);
      expect(verify({ 'x-gitlab-token': `${SECRET} ` })).toBe(false);
      expect(verify({ 'x-gitlab-token': [SECRET, SECRET] })).toBe(false);
      expect(verify({ authorization: `Bearer ${SECRET}` })).toBe(false);
    });
  });

  describe('Pipeline Hook', () => {
    it('maps a finished pipeline to a run with one gate per test job', () => {
      expect(map(readFixture('gitlab', 'pipeline.success.json'))).toStrictEqual(
        {
          kind: 'event',
          event: {
            eventType: 'pipeline.success',
            lookup,
            pipelineRuns: [
              {
                id: '1284410925',
                revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
                branch: 'main',
                startedAt: '2024-05-21T08:55:12.000Z',
                finishedAt: '2024-05-21T09:08:40.000Z',
                // staging and production are deploy jobs, not gates.
                gates: [
                  {
                    gate: 'build-image',
                    status: 'passed',
                    url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934016',
                  },
                  {
                    gate: 'unit-tests',
                    status: 'passed',
                    url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934017',
                  },
                  {
                    gate: 'static-analysis',
                    status: 'passed',
                    url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934019',
                  },
                  {
                    gate: 'container-scan',
                    status: 'passed',
                    url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934020',
                  },
                ],
                url: 'https://gitlab.com/acme/payments-api/-/pipelines/1284410925',
              },
            ],
          },
        },
      );
    });

    it('gives a gate of several jobs the worst status', () => {
      const body = readJsonFixture('gitlab', 'pipeline.success.json');
      body.object_attributes.status = 'failed';
      // The second of the parallel jobs fails after the first passed.
      body.builds.find((b: any) => b.name === 'unit_tests 2/2').status =
        'failed';
      body.builds.find((b: any) => b.name === 'container_scanning').status =
        'canceled';
      body.builds.find((b: any) => b.name === 'sonarqube-check').status =
        'skipped';
      const result = map(body);
      expect(result.kind).toBe('event');
      const gates =
        result.kind === 'event' ? result.event.pipelineRuns?.[0].gates : [];
      expect(gates).toEqual([
        expect.objectContaining({ gate: 'build-image', status: 'passed' }),
        {
          gate: 'unit-tests',
          status: 'failed',
          url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934018',
        },
        expect.objectContaining({ gate: 'static-analysis', status: 'skipped' }),
        expect.objectContaining({ gate: 'container-scan', status: 'failed' }),
      ]);
    });

    it('records the version of tag pipelines and the branch of merge request pipelines', () => {
      const tagged = readJsonFixture('gitlab', 'pipeline.success.json');
      tagged.object_attributes.tag = true;
      tagged.object_attributes.ref = 'v1.4.0';
      const tagRun = map(tagged);
      const run = tagRun.kind === 'event' ? tagRun.event.pipelineRuns?.[0] : {};
      expect(run).toHaveProperty('version', 'v1.4.0');
      expect(run).not.toHaveProperty('branch');

      const mergeRequest = readJsonFixture('gitlab', 'pipeline.success.json');
      mergeRequest.object_attributes.ref = 'refs/merge-requests/15/head';
      mergeRequest.merge_request = { source_branch: 'retry-settlement' };
      const mrRun = map(mergeRequest);
      expect(
        mrRun.kind === 'event' && mrRun.event.pipelineRuns?.[0].branch,
      ).toBe('retry-settlement');
    });

    it('ignores pipelines that have not finished', () => {
      const running = readJsonFixture('gitlab', 'pipeline.success.json');
      running.object_attributes.status = 'running';
      running.object_attributes.finished_at = null;
      expect(map(running)).toStrictEqual({
        kind: 'ignored',
        eventType: 'pipeline.running',
        reason:
          'The pipeline is running; only finished pipelines (success, failed, canceled) are recorded',
      });
    });

    it('refuses malformed pipelines, naming the field', () => {
      const withoutSha = readJsonFixture('gitlab', 'pipeline.success.json');
      delete withoutSha.object_attributes.sha;
      expect(() => map(withoutSha)).toThrow(InputError);
      expect(() => map(withoutSha)).toThrow(/object_attributes\.sha/);

      const badJob = readJsonFixture('gitlab', 'pipeline.success.json');
      badJob.builds[2].name = 42;
      expect(() => map(badJob)).toThrow(/builds\[2\]\.name/);

      const badTime = readJsonFixture('gitlab', 'pipeline.success.json');
      badTime.object_attributes.created_at = '21/05/2024';
      expect(() => map(badTime)).toThrow(
        'object_attributes.created_at is not a valid timestamp: "21/05/2024"',
      );
    });
  });

  describe('Deployment Hook', () => {
    it('maps a deployment, taking the full commit SHA from commit_url', () => {
      expect(
        map(readFixture('gitlab', 'deployment.success.json')),
      ).toStrictEqual({
        kind: 'event',
        event: {
          eventType: 'deployment.success',
          lookup,
          deployments: [
            {
              id: '2213187',
              environment: 'staging',
              revision: '9f1c2ab47e1d0c3b5a6f8e9d7c4b2a1f0e9d8c7b',
              strategy: 'unknown',
              gitops: false,
              status: 'succeeded',
              startedAt: '2024-05-21T09:08:38.000Z',
              finishedAt: '2024-05-21T09:08:38.000Z',
              url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934021',
            },
          ],
        },
      });
    });

    it.each([
      ['running', 'in-progress'],
      ['success', 'succeeded'],
      ['failed', 'failed'],
      ['canceled', 'failed'],
    ])('maps the status %s to %s', (status, expected) => {
      const body = readJsonFixture('gitlab', 'deployment.success.json');
      body.status = status;
      const result = map(body);
      expect(
        result.kind === 'event' && result.event.deployments?.[0].status,
      ).toBe(expected);
    });

    it('falls back to the short SHA and leaves out the job of API deployments', () => {
      const body = readJsonFixture('gitlab', 'deployment.success.json');
      body.commit_url = 'https://gitlab.com/acme/payments-api';
      body.deployable_url = null;
      body.status = 'running';
      const result = map(body);
      expect(
        result.kind === 'event' && result.event.deployments?.[0],
      ).toStrictEqual({
        id: '2213187',
        environment: 'staging',
        revision: '9f1c2ab4',
        strategy: 'unknown',
        gitops: false,
        status: 'in-progress',
        startedAt: '2024-05-21T09:08:38.000Z',
      });
    });

    it('ignores statuses that do not change a deployment and refuses missing fields', () => {
      const created = readJsonFixture('gitlab', 'deployment.success.json');
      created.status = 'created';
      expect(map(created)).toStrictEqual({
        kind: 'ignored',
        eventType: 'deployment.created',
        reason: 'The deployment status created does not change a deployment',
      });
      const withoutEnvironment = readJsonFixture(
        'gitlab',
        'deployment.success.json',
      );
      delete withoutEnvironment.environment;
      expect(() => map(withoutEnvironment)).toThrow(/environment/);
    });
  });

  it('ignores other events and refuses bodies that are not GitLab hooks', () => {
    expect(map({ object_kind: 'push', ref: 'refs/heads/main' })).toStrictEqual({
      kind: 'ignored',
      eventType: 'push',
      reason:
        'The push event is not used; enable Pipeline events and Deployment events',
    });
    expect(() => map({ ref: 'refs/heads/main' })).toThrow(/object_kind/);
    expect(() => map(Buffer.from('object_kind=pipeline'))).toThrow(InputError);
  });
});

describe('gitlabJobGateName', () => {
  it('joins parallel and matrix jobs and recognises template job names', () => {
    expect(gitlabJobGateName('rspec 1/3')).toBe('rspec');
    expect(gitlabJobGateName('test: [ruby, 3.3]')).toBe('test');
    expect(gitlabJobGateName('container_scanning')).toBe('container-scan');
    expect(gitlabJobGateName('code_quality')).toBe('static-analysis');
    expect(gitlabJobGateName('dast')).toBe('security-test');
    expect(gitlabJobGateName('load_performance')).toBe('load-test');
    expect(gitlabJobGateName('Functional tests')).toBe('functional-tests');
  });
});
