import { InputError } from '@backstage/errors';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** JUnit and Cobertura reports nest a handful of elements; far deeper is an attack. */
const MAX_XML_DEPTH = 100;

/** A parsed element: attributes are `@_name` keys, children are element names. */
export type XmlElement = Record<string, unknown>;

// A DOCTYPE that only names an external DTD, as Cobertura writers (istanbul,
// gcovr, PHPUnit) emit it: `<!DOCTYPE coverage SYSTEM "…/coverage-04.dtd">`.
// It declares nothing, and the DTD is never fetched, so it is dropped.
const EXTERNAL_DOCTYPE =
  /^<!DOCTYPE\s+[A-Za-z_:][\w.:-]*(?:\s+(?:SYSTEM\s+(?:"[^"]*"|'[^']*')|PUBLIC\s+(?:"[^"]*"|'[^']*')\s+(?:"[^"]*"|'[^']*')))?\s*>/;

// Far longer than any real one. The pattern only ever sees this much of the
// body: megabytes of whitespace or an unclosed quote after `<!DOCTYPE` made
// it backtrack until the regexp stack overflowed (a RangeError, a 500).
const MAX_DOCTYPE_LENGTH = 4096;

/**
 * Removes a harmless external DOCTYPE and refuses every other markup
 * declaration: an internal DTD subset, `<!ENTITY …>` (billion laughs, XXE),
 * `<!ELEMENT …>` and the like, a second DOCTYPE, and one after the root
 * element (XML allows one, in the prolog). Comments, CDATA sections and
 * processing instructions are skipped in document order, so `<!` inside them
 * is neither refused nor able to hide one. One pass over the text that joins
 * the kept slices once: rebuilding the string per declaration was quadratic.
 */
function withoutDeclarations(xml: string): string {
  const kept: string[] = [];
  let keptFrom = 0;
  let inProlog = true;
  let doctypeSeen = false;
  let scannedTo = 0;
  // Comments, CDATA sections, declarations and processing instructions.
  const markup = /<[!?]/g;
  for (let found = markup.exec(xml); found; found = markup.exec(xml)) {
    const position = found.index;
    // Between skipped markup, the prolog holds nothing but whitespace.
    inProlog = inProlog && xml.slice(scannedTo, position).trim() === '';
    let end: number;
    if (xml.startsWith('<?', position)) {
      end = xml.indexOf('?>', position + 2);
      if (end === -1) {
        throw new InputError(
          'Invalid XML: unterminated processing instruction',
        );
      }
      end += 2;
    } else if (xml.startsWith('<!--', position)) {
      end = xml.indexOf('-->', position + 4);
      if (end === -1) {
        throw new InputError('Invalid XML: unterminated comment');
      }
      end += 3;
    } else if (xml.startsWith('<![CDATA[', position)) {
      end = xml.indexOf(']]>', position + 9);
      if (end === -1) {
        throw new InputError('Invalid XML: unterminated CDATA section');
      }
      end += 3;
      // Character data belongs to an element, never to the prolog.
      inProlog = false;
    } else {
      const doctype = EXTERNAL_DOCTYPE.exec(
        xml.slice(position, position + MAX_DOCTYPE_LENGTH),
      );
      if (!doctype) {
        throw new InputError(
          'XML reports must not contain DOCTYPE declarations with an internal subset or entity declarations',
        );
      }
      if (doctypeSeen) {
        throw new InputError('Invalid XML: more than one DOCTYPE declaration');
      }
      if (!inProlog) {
        throw new InputError(
          'Invalid XML: the DOCTYPE declaration must come before the root element',
        );
      }
      doctypeSeen = true;
      end = position + doctype[0].length;
      kept.push(xml.slice(keptFrom, position));
      keptFrom = end;
    }
    scannedTo = end;
    markup.lastIndex = end;
  }
  kept.push(xml.slice(keptFrom));
  return kept.join('');
}

/**
 * Parses an uploaded XML report (JUnit, Cobertura). Entities are never
 * expanded, DTDs never read, and markup declarations refused with an
 * InputError, so billion-laughs and XXE payloads cannot do harm. Attribute
 * values stay text; `arrayElements` are always parsed as arrays.
 */
export function parseXmlReport(
  rawBody: Buffer,
  options: { arrayElements?: ReadonlyArray<string> } = {},
): XmlElement {
  const text = rawBody.toString('utf8').replace(/^\uFEFF/, '');
  if (!text.trim()) {
    throw new InputError('The request body is empty, expected an XML report');
  }
  const xml = withoutDeclarations(text);
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line } = validation.err;
    throw new InputError(`Invalid XML at line ${line}: ${msg}`);
  }
  const arrayElements = new Set(options.arrayElements ?? []);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: false,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: tagName => arrayElements.has(tagName),
    maxNestedTags: MAX_XML_DEPTH,
  });
  try {
    return parser.parse(xml) as XmlElement;
  } catch (error) {
    // The parser's own limits (e.g. nesting) are the sender's problem.
    const message = (error as Error).message;
    throw new InputError(
      /nested/i.test(message)
        ? `Invalid XML: elements nested deeper than ${MAX_XML_DEPTH} levels`
        : `Invalid XML: ${message}`,
    );
  }
}

/** The elements of `parent` named `name`, whether parsed as one or many. */
export function childElements(parent: XmlElement, name: string): XmlElement[] {
  const value = parent[name];
  if (value === undefined || value === null) {
    return [];
  }
  const values = Array.isArray(value) ? value : [value];
  // `<testcase/>` parses as "" rather than an object.
  return values.map(item => (typeof item === 'object' && item ? item : {}));
}

/** An attribute's text, or undefined. */
export function attribute(
  element: XmlElement,
  name: string,
): string | undefined {
  const value = element[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A numeric attribute, or undefined when absent. A value that is not a
 * number is an InputError naming `element@attribute`.
 */
export function numericAttribute(
  element: XmlElement,
  elementName: string,
  name: string,
): number | undefined {
  const text = attribute(element, name)?.trim();
  if (text === undefined || text === '') {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isFinite(value)) {
    throw new InputError(
      `Invalid report: ${elementName}@${name} is not a number: "${text}"`,
    );
  }
  return value;
}
