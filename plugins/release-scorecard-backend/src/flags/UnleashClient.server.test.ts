import { UnleashClient } from './UnleashClient';

/*
 * The Unleash client against a real Unleash server. CI starts one (the
 * `unleash-server` npm package on the local PostgreSQL, see .ci/run) and
 * points RELEASE_SCORECARD_UNLEASH_URL and RELEASE_SCORECARD_UNLEASH_TOKEN
 * at it; without them this suite is skipped.
 */
const serverUrl = process.env.RELEASE_SCORECARD_UNLEASH_URL;
const token = process.env.RELEASE_SCORECARD_UNLEASH_TOKEN ?? '';
const describeWithServer = serverUrl ? describe : describe.skip;

jest.setTimeout(60_000);

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${serverUrl}/api/admin${path}`, {
    method,
    headers: { Authorization: token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `${method} ${path}: ${response.status} ${await response.text()}`,
    );
  }
}

describeWithServer('UnleashClient against a real Unleash server', () => {
  // Open-source Unleash has one project; names unique per run keep runs apart.
  const prefix = `rs-${Date.now().toString(36)}`;
  const rollout = `${prefix}-new-checkout`;
  const staleFlag = `${prefix}-old-banner`;
  const killSwitch = `${prefix}-payments-kill-switch`;

  beforeAll(async () => {
    await admin('POST', '/projects/default/features', {
      name: rollout,
      type: 'release',
    });
    await admin(
      'POST',
      `/projects/default/features/${rollout}/environments/production/strategies`,
      {
        name: 'flexibleRollout',
        parameters: { rollout: '25', stickiness: 'default', groupId: rollout },
      },
    );
    await admin(
      'POST',
      `/projects/default/features/${rollout}/environments/production/on`,
    );

    await admin('POST', '/projects/default/features', {
      name: staleFlag,
      type: 'experiment',
    });
    await admin('PATCH', `/projects/default/features/${staleFlag}`, [
      { op: 'replace', path: '/stale', value: true },
    ]);

    await admin('POST', '/projects/default/features', {
      name: killSwitch,
      type: 'kill-switch',
    });
    await admin(
      'POST',
      `/projects/default/features/${killSwitch}/environments/development/strategies`,
      {
        name: 'default',
        parameters: {},
      },
    );
    await admin(
      'POST',
      `/projects/default/features/${killSwitch}/environments/development/on`,
    );
  });

  it('reads the flags of a project with their per-environment state', async () => {
    const client = new UnleashClient({
      baseUrl: `${serverUrl}/api`,
      token,
      pageSize: 2,
    });
    const flags = (
      await client.fetchProjectFlags('default', {
        signal: AbortSignal.timeout(30_000),
      })
    ).filter(flag => flag.key.startsWith(prefix));

    expect(flags.map(flag => flag.key).sort()).toEqual(
      [rollout, staleFlag, killSwitch].sort(),
    );

    const newCheckout = flags.find(flag => flag.key === rollout)!;
    expect(newCheckout).toMatchObject({
      provider: 'unleash',
      type: 'release',
      temporary: true,
      archived: false,
      stale: false,
    });
    expect(newCheckout.environments).toContainEqual(
      expect.objectContaining({
        name: 'production',
        enabled: true,
        rolloutPercent: 25,
      }),
    );
    expect(newCheckout.environments).toContainEqual(
      expect.objectContaining({ name: 'development', enabled: false }),
    );
    expect(Date.parse(newCheckout.createdAt!)).toBeGreaterThan(
      Date.now() - 10 * 60_000,
    );
    expect(newCheckout.url).toBe(
      `${serverUrl}/projects/default/features/${rollout}`,
    );

    expect(flags.find(flag => flag.key === staleFlag)).toMatchObject({
      type: 'experiment',
      stale: true,
      environments: expect.not.arrayContaining([
        expect.objectContaining({ enabled: true }),
      ]),
    });
    // Fully on (the default strategy): no gradual rollout to report.
    const kill = flags.find(flag => flag.key === killSwitch)!;
    expect(kill).toMatchObject({ type: 'kill-switch', temporary: false });
    expect(kill.environments.find(env => env.name === 'development')).toEqual(
      expect.objectContaining({ enabled: true }),
    );
    expect(
      kill.environments.find(env => env.name === 'development')?.rolloutPercent,
    ).toBeUndefined();
  });

  it('says which request failed, without the token, when the token is wrong', async () => {
    const client = new UnleashClient({
      baseUrl: serverUrl!,
      token: 'not-a-valid-token',
    });
    const failure = client.fetchProjectFlags('default', {
      signal: AbortSignal.timeout(30_000),
    });
    await expect(failure).rejects.toThrow(
      /Unleash request GET \/api\/admin\/search\/features failed with status 401/,
    );
    await expect(failure).rejects.not.toThrow(/not-a-valid-token/);
  });
});
