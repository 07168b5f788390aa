import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  compact,
  formatFieldPath,
  isHttpUrl,
  nonEmpty,
  parseJsonBody,
  parseWithSchema,
} from './payload';

describe('parseJsonBody', () => {
  it('parses JSON, also behind a byte order mark', () => {
    expect(parseJsonBody(Buffer.from('{"a":[1]}'))).toStrictEqual({ a: [1] });
    expect(parseJsonBody(Buffer.from('\uFEFF{"a":1}', 'utf8'))).toStrictEqual({
      a: 1,
    });
  });

  it('refuses empty bodies and text that is not JSON with an InputError', () => {
    expect(() => parseJsonBody(Buffer.from(''))).toThrow(InputError);
    expect(() => parseJsonBody(Buffer.from(' \n'))).toThrow(
      'The request body is empty, expected a JSON document',
    );
    expect(() => parseJsonBody(Buffer.from('{"a":'))).toThrow(
      /^The request body is not valid JSON: /,
    );
  });
});

describe('parseWithSchema', () => {
  const schema = z.object({
    event: z.object({ items: z.array(z.object({ id: z.string() })) }),
  });

  it('returns the parsed value', () => {
    expect(
      parseWithSchema(
        schema,
        { event: { items: [{ id: 'a' }] } },
        'test payload',
      ),
    ).toStrictEqual({ event: { items: [{ id: 'a' }] } });
  });

  it('names the first offending field in an InputError', () => {
    const parse = () =>
      parseWithSchema(
        schema,
        { event: { items: [{ id: 'a' }, { id: 7 }] } },
        'test payload',
      );
    expect(parse).toThrow(InputError);
    expect(parse).toThrow(
      'Invalid test payload: event.items[1].id: Invalid input: expected string, received number',
    );
    expect(() => parseWithSchema(schema, 'text', 'test payload')).toThrow(
      /^Invalid test payload: \(body\): /,
    );
  });
});

describe('formatFieldPath', () => {
  it('writes paths the way the tools document their fields', () => {
    expect(
      formatFieldPath(['Results', 1, 'Vulnerabilities', 0, 'Severity']),
    ).toBe('Results[1].Vulnerabilities[0].Severity');
    expect(formatFieldPath([])).toBe('');
  });
});

describe('small helpers', () => {
  it('nonEmpty trims and drops empty text', () => {
    expect(nonEmpty(' prod ')).toBe('prod');
    expect(nonEmpty('  ')).toBeUndefined();
    expect(nonEmpty(null)).toBeUndefined();
  });

  it('isHttpUrl accepts absolute http(s) URLs only', () => {
    expect(isHttpUrl('https://argocd.example.com/applications/a')).toBe(true);
    expect(isHttpUrl('/applications/a')).toBe(false);
    expect(isHttpUrl('mailto:payments@example.com')).toBe(false);
    expect(isHttpUrl('')).toBe(false);
  });

  it('compact drops undefined properties only', () => {
    expect(compact({ a: 1, b: undefined, c: null, d: 0 })).toStrictEqual({
      a: 1,
      c: null,
      d: 0,
    });
  });
});
