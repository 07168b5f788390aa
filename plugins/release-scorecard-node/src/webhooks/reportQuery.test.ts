import { InputError } from '@backstage/errors';
import { createWebhookRequest as webhookRequest } from './createWebhookRequest';
import { parseReportUploadQuery } from './reportQuery';

const parse = (query: Record<string, string | undefined>) =>
  parseReportUploadQuery(webhookRequest('', { query }), 'unit-tests');

describe('parseReportUploadQuery', () => {
  it('reads the entity, the commit and the optional run, version, branch, url and gate', () => {
    expect(
      parse({
        entityRef: 'Component:default/Payments-API',
        revision: '9f1c2ab',
        runId: '1284410925',
        version: '1.4.0',
        branch: 'main',
        url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934018',
        gate: 'functional-tests',
      }),
    ).toStrictEqual({
      lookup: {
        type: 'entityRef',
        entityRef: 'component:default/payments-api',
      },
      gate: 'functional-tests',
      report: {
        revision: '9f1c2ab',
        runId: '1284410925',
        version: '1.4.0',
        branch: 'main',
        url: 'https://gitlab.com/acme/payments-api/-/jobs/7061934018',
      },
    });
  });

  it('defaults the gate, the kind and the namespace', () => {
    const { lookup, gate, report } = parse({
      entityRef: 'payments-api',
      revision: '9f1c2ab',
    });
    expect(lookup).toStrictEqual({
      type: 'entityRef',
      entityRef: 'component:default/payments-api',
    });
    expect(gate).toBe('unit-tests');
    expect(report.runId).toBeUndefined();
  });

  it('refuses missing or malformed parameters, naming them', () => {
    expect(() => parse({ revision: 'abc' })).toThrow(InputError);
    expect(() => parse({ revision: 'abc' })).toThrow(/entityRef is required/);
    expect(() => parse({ entityRef: 'a:b/c/d', revision: 'abc' })).toThrow(
      'The query parameter entityRef is not an entity ref: "a:b/c/d"',
    );
    expect(() => parse({ entityRef: 'payments-api', revision: ' ' })).toThrow(
      /revision is required/,
    );
    expect(() =>
      parse({ entityRef: 'payments-api', revision: 'abc', gate: 'Unit Tests' }),
    ).toThrow(/gate must be a kebab-case gate name/);
    expect(() =>
      parse({ entityRef: 'payments-api', revision: 'abc', url: 'ftp://x' }),
    ).toThrow(/url must be an http\(s\) URL/);
  });
});
