import {
  WELL_KNOWN_GATE_NAMES,
  WellKnownGate,
} from '@internal/plugin-release-scorecard-common';

/** Gate names are kebab case: `unit-tests`, `load-test`, `e2e-smoke`. */
export const GATE_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Job and workflow names that mean a well-known gate. Besides singular and
 * plural spellings, these are the job names of GitLab's CI templates
 * (Container-Scanning, Code-Quality, DAST, Load-Performance-Testing) and of
 * SonarQube's GitLab CI instructions, so pipelines using them need no mapping.
 */
const WELL_KNOWN_GATE_ALIASES: Record<string, WellKnownGate> = {
  'unit-test': 'unit-tests',
  'functional-test': 'functional-tests',
  'load-tests': 'load-test',
  'security-tests': 'security-test',
  'static-analyses': 'static-analysis',
  'container-scans': 'container-scan',
  'container-scanning': 'container-scan',
  'code-quality': 'static-analysis',
  'sonarqube-check': 'static-analysis',
  dast: 'security-test',
  'load-performance': 'load-test',
};

/** `Load test`, `load_test` and `loadTest` all become `load-test`. */
export function toKebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The gate a CI job or workflow reports on: its name in kebab case, or the
 * well-known gate it stands for. Empty when the name has no letters or digits.
 */
export function toGateName(jobOrWorkflowName: string): string {
  const kebab = toKebabCase(jobOrWorkflowName);
  if ((WELL_KNOWN_GATE_NAMES as string[]).includes(kebab)) {
    return kebab;
  }
  return WELL_KNOWN_GATE_ALIASES[kebab] ?? kebab;
}
