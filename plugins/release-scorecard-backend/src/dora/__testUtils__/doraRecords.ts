import { DoraDeployment, DoraIncident } from '../computeDora';

export const PAYMENTS = 'component:default/payments';
export const CHECKOUT = 'component:default/checkout';

/** A succeeded production deployment of payments, unless told otherwise. */
export function deployment(
  fields: Partial<DoraDeployment> & { id: string; finishedAt?: string },
): DoraDeployment {
  return {
    entityRef: PAYMENTS,
    environment: 'production',
    status: 'succeeded',
    commits: [],
    ...fields,
  };
}

/** An incident of payments, unless told otherwise. */
export function incident(
  fields: Partial<DoraIncident> & { id: string; openedAt: string },
): DoraIncident {
  return { entityRef: PAYMENTS, ...fields };
}
