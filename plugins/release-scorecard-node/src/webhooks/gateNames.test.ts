import { GATE_NAME_PATTERN, toGateName, toKebabCase } from './gateNames';

describe('toKebabCase', () => {
  it.each([
    ['Load test', 'load-test'],
    ['load_test', 'load-test'],
    ['loadTest', 'load-test'],
    ['  CI / Build & Push  ', 'ci-build-push'],
    ['e2e', 'e2e'],
  ])('turns %s into %s', (name, expected) => {
    expect(toKebabCase(name)).toBe(expected);
    expect(GATE_NAME_PATTERN.test(expected)).toBe(true);
  });
});

describe('toGateName', () => {
  it('recognises well-known gates in any spelling', () => {
    expect(toGateName('Unit Tests')).toBe('unit-tests');
    expect(toGateName('unit_test')).toBe('unit-tests');
    expect(toGateName('Static analysis')).toBe('static-analysis');
    expect(toGateName('Security tests')).toBe('security-test');
    expect(toGateName('container_scanning')).toBe('container-scan');
    expect(toGateName('sonarqube-check')).toBe('static-analysis');
  });

  it('keeps other names as they are, in kebab case', () => {
    expect(toGateName('Contract tests')).toBe('contract-tests');
    expect(toGateName('!!!')).toBe('');
  });
});
