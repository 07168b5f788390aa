export { EnvironmentChips } from './EnvironmentChips';
export { FlagAge } from './FlagAge';
export { FlagName } from './FlagName';
export { StaleBadge } from './StaleBadge';
export * from './flagPresentation';
