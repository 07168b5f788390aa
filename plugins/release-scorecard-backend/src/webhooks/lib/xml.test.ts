import { InputError } from '@backstage/errors';
import fc from 'fast-check';
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

describe('parseXmlReport: DOCTYPE placement', () => {
  it('refuses a second DOCTYPE and one after the root element', () => {
    expect(() => parseXmlReport(xml('<!DOCTYPE a><!DOCTYPE a><a/>'))).toThrow(
      'Invalid XML: more than one DOCTYPE declaration',
    );
    expect(() => parseXmlReport(xml('<a/><!DOCTYPE a>'))).toThrow(
      'Invalid XML: the DOCTYPE declaration must come before the root element',
    );
    expect(() =>
      parseXmlReport(xml('<a><![CDATA[x]]><!DOCTYPE a></a>')),
    ).toThrow(
      'Invalid XML: the DOCTYPE declaration must come before the root element',
    );
    // Real DOCTYPEs are short; the pattern never reads past 4096 characters.
    expect(() =>
      parseXmlReport(xml(`<!DOCTYPE a SYSTEM "${'x'.repeat(5000)}.dtd"><a/>`)),
    ).toThrow(
      'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
    );
    // The prolog may hold the XML declaration, comments and PIs around it.
    expect(
      parseXmlReport(
        xml(
          '<?xml version="1.0"?>\n<!-- c --><?pi x?>\n<!DOCTYPE a SYSTEM "a.dtd">\n<!-- d --><a b="1"/>',
        ),
      ),
    ).toStrictEqual({ a: { '@_b': '1' } });
  });

  /** One piece of a document, and where XML allows it. */
  type Piece = { text: string; doctype: boolean };
  const piece = (text: string, doctype = false): Piece => ({ text, doctype });
  const doctypes = fc.constantFrom(
    piece('<!DOCTYPE r>', true),
    piece('<!DOCTYPE r SYSTEM "r.dtd">', true),
    piece('<!DOCTYPE  r  PUBLIC "-//x//y" \'r.dtd\' >', true),
  );
  const misc = fc.constantFrom(
    piece('\n'),
    piece('<!-- <!DOCTYPE x> <!ENTITY y "z"> -->'),
    piece('<?pi <!DOCTYPE?>'),
  );
  const content = fc.constantFrom(
    piece('text'),
    piece('<c n="1"/>'),
    piece('<![CDATA[<!DOCTYPE x><!-- ]]>'),
    piece('<!-- <![CDATA[ -->'),
  );

  /** What parsing `text` gives: the document, or the InputError's message (any other error fails). */
  const outcomeOf = (text: string) => {
    try {
      return { value: parseXmlReport(xml(text)) };
    } catch (error) {
      if (!(error instanceof InputError)) {
        throw error;
      }
      return { error: error.message };
    }
  };

  /** The reference: where XML allows a DOCTYPE (once, in the prolog). */
  const expectedOutcome = (
    pieces: Piece[],
    prologLength: number,
    withoutDoctype: string,
  ) => {
    const count = pieces.filter(p => p.doctype).length;
    if (pieces.findIndex(p => p.doctype) >= prologLength) {
      return {
        error:
          'Invalid XML: the DOCTYPE declaration must come before the root element',
      };
    }
    if (count > 1) {
      return { error: 'Invalid XML: more than one DOCTYPE declaration' };
    }
    return outcomeOf(withoutDoctype);
  };

  it('accepts exactly the documents with at most one DOCTYPE, in the prolog, as if it were not there', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(misc, doctypes), { maxLength: 4 }),
        fc.array(fc.oneof(content, misc, doctypes), { maxLength: 4 }),
        fc.array(fc.oneof(misc, doctypes), { maxLength: 3 }),
        (prolog, inside, epilog) => {
          const pieces = [
            ...prolog,
            piece('<r>'),
            ...inside,
            piece('</r>'),
            ...epilog,
          ];
          const document = pieces.map(p => p.text).join('');
          const withoutDoctype = pieces
            .filter(p => !p.doctype)
            .map(p => p.text)
            .join('');
          // The same pieces without any DOCTYPE are always a valid report.
          expect(outcomeOf(withoutDoctype)).toHaveProperty('value.r');
          expect(outcomeOf(document)).toStrictEqual(
            expectedOutcome(pieces, prolog.length, withoutDoctype),
          );
        },
      ),
    );
  });
});

describe('parseXmlReport on large hostile bodies', () => {
  /** Just under the default upload limit (releaseScorecard.ingest.maxBodySize). */
  const SIZE = 5 * 1024 * 1024 - 1024;
  const fill = (prefix: string, unit: string, suffix = '') =>
    prefix +
    unit.repeat(
      Math.floor((SIZE - prefix.length - suffix.length) / unit.length),
    ) +
    suffix;
  /**
   * Linear work on 5 MB takes well under a second; a quadratic pass over
   * these bodies took minutes (29 s at 1 MB), blocking the event loop.
   */
  const BOUND_MS = 10_000;

  const timed = (body: string) => {
    const started = Date.now();
    let outcome: unknown;
    try {
      outcome = parseXmlReport(xml(body));
    } catch (error) {
      outcome = error;
    }
    return { outcome, ms: Date.now() - started };
  };

  it.each([
    [
      'a DOCTYPE after every character',
      fill('<testsuite tests="1">', 'x<!DOCTYPE a>'),
      'Invalid XML: the DOCTYPE declaration must come before the root element',
    ],
    [
      'DOCTYPEs in the prolog',
      fill('', '<!DOCTYPE a>', '<a/>'),
      'Invalid XML: more than one DOCTYPE declaration',
    ],
    [
      'whitespace inside a DOCTYPE',
      fill('<!DOCTYPE a SYSTEM', ' ', 'x'),
      'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
    ],
    [
      'an unclosed quote inside a DOCTYPE',
      fill('<!DOCTYPE a PUBLIC "x" "', 'x'),
      'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
    ],
    [
      'an unterminated comment',
      fill('<a>', '<!-- -- '),
      'Invalid XML: unterminated comment',
    ],
  ])('refuses %s in linear time', (_, body, message) => {
    const { outcome, ms } = timed(body);
    expect(outcome).toBeInstanceOf(Error);
    const { name, message: said } = outcome as Error;
    expect({ name, message: said }).toEqual({ name: 'InputError', message });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it.each([
    ['one long attribute value', fill('<a b="', 'x', '"/>')],
    ['an attribute value of quotes', fill('<a b="', "'", '"/>')],
    ['whitespace before an equals sign', fill('<a b', ' ', '="1"/>')],
    ['whitespace in a start tag', fill('<a', ' ', '>')],
    ['whitespace in an end tag', fill('<a></a', ' ', '>')],
    ['one long element name', fill('<', 'a', '/>')],
    ['one long processing instruction', fill('<?xml', ' ', '?><a/>')],
  ])(
    'parses or refuses %s in linear time, never failing otherwise',
    (_, body) => {
      const { outcome, ms } = timed(body);
      // A RangeError (regexp stack) or TypeError here would answer 500.
      expect(
        outcome instanceof Error && !(outcome instanceof InputError)
          ? `${(outcome as Error).name}: ${(outcome as Error).message}`
          : 'parsed or refused',
      ).toBe('parsed or refused');
      expect(ms).toBeLessThan(BOUND_MS);
    },
  );

  it('parses a valid report of comments and CDATA after its DOCTYPE in linear time', () => {
    const prefix =
      '<?xml version="1.0"?><!DOCTYPE testsuite SYSTEM "t.dtd"><testsuite tests="1">';
    const unit = '<!--c--><![CDATA[x]]>';
    const suffix = '</testsuite>';
    const { outcome, ms } = timed(fill(prefix, unit, suffix));
    const units = Math.floor(
      (SIZE - prefix.length - suffix.length) / unit.length,
    );
    // Comments are dropped, CDATA sections joined into the element's text.
    expect(outcome).toStrictEqual({
      testsuite: { '@_tests': '1', '#text': 'x'.repeat(units) },
    });
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('takes linear time on any repetition of markup pieces', () => {
    const pieces = [
      '<!DOCTYPE a>',
      '<!--c-->',
      '<![CDATA[x]]>',
      '<?pi x?>',
      '<a>',
      '</a>',
      '<a b="1"/>',
      'x',
      ' ',
      '<!',
      '<',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(...pieces), { maxLength: 3 }),
        (unit, prefix) => {
          const body = fill(prefix.join(''), unit.join('')).slice(0, SIZE / 2);
          const { outcome, ms } = timed(body);
          // A refusal is an InputError (400), never another error (500).
          expect(
            outcome instanceof Error && !(outcome instanceof InputError)
              ? String(outcome)
              : 'parsed or refused',
          ).toBe('parsed or refused');
          expect(ms).toBeLessThan(BOUND_MS);
        },
      ),
      { numRuns: 15 },
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
