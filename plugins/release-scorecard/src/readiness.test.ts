import { gateVerdictOfRun } from './readiness';

describe('gateVerdictOfRun', () => {
  const required = ['unit-tests', 'load-test', 'security-test'];

  it('is ready when every required gate passed, whatever else failed', () => {
    expect(
      gateVerdictOfRun(
        {
          gates: [
            { gate: 'unit-tests', status: 'passed' },
            { gate: 'load-test', status: 'passed' },
            { gate: 'security-test', status: 'passed' },
            { gate: 'lint', status: 'failed' },
          ],
        },
        required,
      ),
    ).toEqual({ status: 'ready', problems: [] });
  });

  it('lists failed, skipped and missing required gates', () => {
    expect(
      gateVerdictOfRun(
        {
          gates: [
            { gate: 'unit-tests', status: 'skipped' },
            { gate: 'load-test', status: 'failed' },
          ],
        },
        required,
      ),
    ).toEqual({
      status: 'blocked',
      problems: [
        'Unit tests skipped',
        'Load test failed',
        'Security test missing',
      ],
    });
  });
});
