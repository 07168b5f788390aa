export { EntityFlagsCard } from './EntityFlagsCard';
export type { EntityFlagsCardProps } from './EntityFlagsCard';
