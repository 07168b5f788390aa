/**
 * @deprecated The evidence store is split by aggregate (DeploymentStore and
 * the others). Only src/demo still names it, until the demo seeder moves to
 * its own module; remove this file with src/demo.
 */
export type { DeploymentStore as EvidenceStore } from './DeploymentStore';
