import { InputError } from '@backstage/errors';
import { readFixture } from '../__fixtures__/fixtures';
import {
  attribute,
  childElements,
  numericAttribute,
  parseXmlReport,
} from './xml';

const xml = (text: string) => Buffer.from(text, 'utf8');

describe('parseXmlReport', () => {
  it('parses elements with their attributes as text', () => {
    const document = parseXmlReport(
      xml(
        '<?xml version="1.0"?><testsuite tests="2"><testcase name="a"/></testsuite>',
      ),
      { arrayElements: ['testcase'] },
    );
    expect(document).toStrictEqual({
      testsuite: { '@_tests': '2', testcase: [{ '@_name': 'a' }] },
    });
  });

  it.each([
    ['billion laughs', 'billion-laughs.xml'],
    ['an external entity (XXE)', 'xxe.xml'],
    [
      'a parameter entity behind an external DTD',
      'xxe-external-dtd-entity.xml',
    ],
  ])('refuses %s with an InputError', (_, file) => {
    const body = readFixture('xml', file);
    expect(() => parseXmlReport(body)).toThrow(InputError);
    expect(() => parseXmlReport(body)).toThrow(
      'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
    );
  });

  it('refuses entity and other declarations outside a DOCTYPE, and an empty internal subset', () => {
    expect(() =>
      parseXmlReport(xml('<!ENTITY a "b"><coverage line-rate="1"/>')),
    ).toThrow(InputError);
    expect(() =>
      parseXmlReport(xml('<!DOCTYPE coverage []><coverage line-rate="1"/>')),
    ).toThrow(InputError);
    expect(() =>
      parseXmlReport(xml('<!ELEMENT coverage ANY><coverage line-rate="1"/>')),
    ).toThrow(InputError);
  });

  it('never expands entities, not even the predefined ones', () => {
    const document = parseXmlReport(xml('<a name="x &amp; y">&lt;b&gt;</a>'));
    expect(document).toStrictEqual({
      a: { '@_name': 'x &amp; y', '#text': '&lt;b&gt;' },
    });
  });

  it('accepts the external DTD reference that Cobertura writers emit, without reading it', () => {
    const document = parseXmlReport(readFixture('cobertura', 'istanbul.xml'));
    expect(attribute(childElements(document, 'coverage')[0], 'line-rate')).toBe(
      '0.86',
    );
  });

  it('does not mistake declarations inside comments or CDATA for real ones, nor let them hide one', () => {
    expect(
      parseXmlReport(
        xml('<!-- <!ENTITY x "y"> --><a><![CDATA[<!DOCTYPE html>]]></a>'),
      ),
    ).toStrictEqual({ a: '<!DOCTYPE html>' });
    // A CDATA opener inside a comment does not swallow the DOCTYPE after it.
    expect(() =>
      parseXmlReport(
        xml(
          '<!-- <![CDATA[ --><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a><!-- ]]> -->',
        ),
      ),
    ).toThrow(InputError);
    expect(() => parseXmlReport(xml('<a/><!-- unterminated'))).toThrow(
      'Invalid XML: unterminated comment',
    );
  });

  it('refuses malformed and empty documents with the line of the problem', () => {
    expect(() =>
      parseXmlReport(xml('<testsuite>\n<testcase></testsuite>')),
    ).toThrow(/Invalid XML at line 2: Expected closing tag 'testcase'/);
    expect(() => parseXmlReport(xml('{"tests": 1}'))).toThrow(InputError);
    expect(() => parseXmlReport(xml('  '))).toThrow(
      'The request body is empty, expected an XML report',
    );
  });
});

describe('numericAttribute', () => {
  it('reads numbers, leaves out absent attributes and names a bad one', () => {
    const element = { '@_tests': '12', '@_failures': 'many' };
    expect(numericAttribute(element, 'testsuite', 'tests')).toBe(12);
    expect(numericAttribute(element, 'testsuite', 'errors')).toBeUndefined();
    expect(() => numericAttribute(element, 'testsuite', 'failures')).toThrow(
      'Invalid report: testsuite@failures is not a number: "many"',
    );
  });
});
