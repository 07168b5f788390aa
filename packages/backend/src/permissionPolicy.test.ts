import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  releaseScorecardComplianceReadPermission,
  releaseScorecardEvaluatePermission,
  releaseScorecardFlagsReadPermission,
  releaseScorecardOperationsReadPermission,
} from '@internal/plugin-release-scorecard-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import request from 'supertest';
import permissionPolicyModule, {
  ReleaseScorecardPermissionPolicy,
} from './permissionPolicy';

/** Who belongs to which groups, as sign-in reports it (examples/org.yaml). */
const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/guest': ['user:default/guest', 'group:default/platform-team'],
  'user:default/ada.lovelace': [
    'user:default/ada.lovelace',
    'group:default/payments-team',
  ],
  'user:default/visitor': ['user:default/visitor'],
};

const userInfo = {
  async getUserInfo(credentials: BackstageCredentials) {
    const userEntityRef = (credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    return { userEntityRef, ownershipEntityRefs: MEMBERSHIPS[userEntityRef] };
  },
};

const policyUser = (userEntityRef: string) => {
  const credentials = mockCredentials.user(userEntityRef);
  return {
    credentials,
    info: {
      userEntityRef,
      ownershipEntityRefs: MEMBERSHIPS[userEntityRef],
    },
  };
};

const ALLOW = AuthorizeResult.ALLOW;
const DENY = AuthorizeResult.DENY;

describe('ReleaseScorecardPermissionPolicy', () => {
  const policy = new ReleaseScorecardPermissionPolicy(userInfo);

  it.each<
    [string, Permission, AuthorizeResult, AuthorizeResult, AuthorizeResult]
  >([
    // permission, platform team member, other team member, in no team
    [
      'reading the catalog (and scorecards)',
      catalogEntityReadPermission,
      ALLOW,
      ALLOW,
      ALLOW,
    ],
    [
      'the compliance view',
      releaseScorecardComplianceReadPermission,
      ALLOW,
      ALLOW,
      DENY,
    ],
    ['the flag list', releaseScorecardFlagsReadPermission, ALLOW, ALLOW, DENY],
    [
      're-evaluating scorecards',
      releaseScorecardEvaluatePermission,
      ALLOW,
      DENY,
      DENY,
    ],
    [
      'ingestion status',
      releaseScorecardOperationsReadPermission,
      ALLOW,
      ALLOW,
      ALLOW,
    ],
    ['anything else', catalogEntityDeletePermission, ALLOW, ALLOW, ALLOW],
  ])('decides %s', async (_, permission, platform, otherTeam, noTeam) => {
    const decide = async (user: string) =>
      (await policy.handle({ permission }, policyUser(user))).result;
    expect({
      platform: await decide('user:default/guest'),
      otherTeam: await decide('user:default/ada.lovelace'),
      noTeam: await decide('user:default/visitor'),
    }).toEqual({ platform, otherTeam, noTeam });
  });

  it('refuses the team-only permissions without a user', async () => {
    for (const permission of [
      releaseScorecardComplianceReadPermission,
      releaseScorecardFlagsReadPermission,
      releaseScorecardEvaluatePermission,
    ]) {
      expect((await policy.handle({ permission })).result).toBe(DENY);
    }
    expect(
      (await policy.handle({ permission: catalogEntityReadPermission })).result,
    ).toBe(ALLOW);
  });

  it('is the policy of the permission backend once the module is installed', async () => {
    const { server } = await startTestBackend({
      features: [
        permissionBackend,
        permissionPolicyModule,
        mockServices.rootConfig.factory({
          data: { permission: { enabled: true } },
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => userInfo,
        }),
      ],
    });
    const authorize = async (user: string) => {
      const response = await request(server)
        .post('/api/permission/authorize')
        .set('Authorization', mockCredentials.user.header(user))
        .send({
          items: [
            {
              id: 'compliance',
              permission: releaseScorecardComplianceReadPermission,
            },
            { id: 'evaluate', permission: releaseScorecardEvaluatePermission },
          ],
        })
        .expect(200);
      return Object.fromEntries(
        response.body.items.map((item: { id: string; result: string }) => [
          item.id,
          item.result,
        ]),
      );
    };
    expect(await authorize('user:default/guest')).toEqual({
      compliance: ALLOW,
      evaluate: ALLOW,
    });
    expect(await authorize('user:default/ada.lovelace')).toEqual({
      compliance: ALLOW,
      evaluate: DENY,
    });
    expect(await authorize('user:default/visitor')).toEqual({
      compliance: DENY,
      evaluate: DENY,
    });
  });
});
