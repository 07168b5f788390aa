/*
 * The portal's permission policy: an example to adapt, not a fixed rule.
 *
 * - Everyone may read the catalog, and with it every entity's scorecard,
 *   DORA metrics and evidence (the Release Scorecard follows
 *   `catalog.entity.read`: an entity you may not read is a 404 there too).
 * - The organisation-wide views, the compliance matrix and the flag list,
 *   are for members of a team (any group of the catalog).
 * - Re-evaluating scorecards on demand is for the platform team.
 * - Everything else is allowed, as in a fresh Backstage portal.
 *
 * Service-to-service calls (CI pipelines with a static token, other
 * plugins) do not reach the policy: Backstage allows them, within the
 * token's `accessRestrictions`.
 */
import {
  coreServices,
  createBackendModule,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  releaseScorecardComplianceReadPermission,
  releaseScorecardEvaluatePermission,
  releaseScorecardFlagsReadPermission,
} from '@internal/plugin-release-scorecard-common';

/** The group whose members may trigger evaluations (see examples/org.yaml). */
export const PLATFORM_TEAM = 'group:default/platform-team';

const allowIf = (condition: boolean): PolicyDecision => ({
  result: condition ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
});

export class ReleaseScorecardPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (isPermission(permission, catalogEntityReadPermission)) {
      return allowIf(true);
    }
    if (isPermission(permission, releaseScorecardEvaluatePermission)) {
      return allowIf((await this.groupsOf(user)).includes(PLATFORM_TEAM));
    }
    if (
      isPermission(permission, releaseScorecardComplianceReadPermission) ||
      isPermission(permission, releaseScorecardFlagsReadPermission)
    ) {
      return allowIf((await this.groupsOf(user)).length > 0);
    }
    return allowIf(true);
  }

  /** The groups the user is a member of, from their sign-in (ownership refs). */
  private async groupsOf(user?: PolicyQueryUser): Promise<string[]> {
    if (!user) {
      return [];
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs
      .map(ref => ref.toLocaleLowerCase('en-US'))
      .filter(ref => ref.startsWith('group:'));
  }
}

/** Installs the policy above in the permission backend, instead of allow-all. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'release-scorecard-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new ReleaseScorecardPermissionPolicy(userInfo));
      },
    });
  },
});
