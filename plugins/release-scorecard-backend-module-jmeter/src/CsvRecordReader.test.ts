import fc from 'fast-check';
import { CsvRecord, CsvRecordReader } from './CsvRecordReader';

function readAll(pieces: string[], delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  const reader = new CsvRecordReader(delimiter, record => records.push(record));
  pieces.forEach(piece => reader.write(piece));
  reader.end();
  return records;
}

/** Quotes a field the way JMeter's CSVSaveService.quoteDelimiters does. */
function quoteLikeJMeter(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

describe('CsvRecordReader', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = [
      'label,responseMessage,failureMessage',
      '"POST /orders, create",OK,',
      'GET /,"Number of samples in transaction : 3, number of failing samples : 1","Test failed: text expected to contain /""status""/"',
      'GET /cart,Server Error,"Test failed: code expected to equal /',
      '',
      '****** received  : [[[500]]]',
      '/"',
      'GET /last,OK,done',
    ].join('\n');
    expect(readAll([text])).toEqual([
      { line: 1, fields: ['label', 'responseMessage', 'failureMessage'] },
      { line: 2, fields: ['POST /orders, create', 'OK', ''] },
      {
        line: 3,
        fields: [
          'GET /',
          'Number of samples in transaction : 3, number of failing samples : 1',
          'Test failed: text expected to contain /"status"/',
        ],
      },
      {
        line: 4,
        fields: [
          'GET /cart',
          'Server Error',
          'Test failed: code expected to equal /\n\n****** received  : [[[500]]]\n/',
        ],
      },
      // Line breaks inside the quoted field count: this record is on line 8.
      { line: 8, fields: ['GET /last', 'OK', 'done'] },
    ]);
  });

  it('ends lines at CRLF, LF and CR alike, keeps a CRLF inside quotes and skips blank lines', () => {
    expect(readAll(['a,b\r\n1,"x\r\ny"\r\n\r\n2,z\r3,w\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\r\ny'] },
      { line: 5, fields: ['2', 'z'] },
      { line: 6, fields: ['3', 'w'] },
    ]);
  });

  it('reads an empty last field and a last line without a line break', () => {
    expect(readAll(['a,b,\nc,d,'])).toEqual([
      { line: 1, fields: ['a', 'b', ''] },
      { line: 2, fields: ['c', 'd', ''] },
    ]);
  });

  it('reads the delimiter JMeter was configured with', () => {
    expect(readAll(['a\tb\n"x\ty"\t2\n'], '\t')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ty', '2'] },
    ]);
  });

  it('reads the same records however the text is cut into pieces', () => {
    const field = fc.string({
      unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', 'x'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (rows, cuts) => {
          // Rows whose only field would be empty are blank lines, which are skipped.
          const text = rows
            .map(row => row.map(quoteLikeJMeter).join(','))
            .join('\n');
          const positions = [
            ...new Set(cuts.map(cut => cut % (text.length + 1))),
          ]
            .sort((a, b) => a - b)
            .concat(text.length);
          const pieces = positions.map((end, i) =>
            text.slice(i === 0 ? 0 : positions[i - 1], end),
          );
          const whole = readAll([text]);
          expect(whole.map(record => record.fields)).toEqual(rows);
          expect(readAll(pieces)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('names the line of a quote in an unquoted field', () => {
    expect(() => readAll(['a,b\n1,2\n3,x"y\n'])).toThrow(
      'line 3: a quote inside an unquoted field; JMeter quotes a field that holds one',
    );
  });

  it('names the line of a single quote inside a quoted field', () => {
    expect(() => readAll(['a,b\n"x"y",2\n'])).toThrow(
      'line 2: a quote inside a quoted field must be doubled',
    );
  });

  it('names the line where a quoted field that is never closed starts', () => {
    expect(() => readAll(['a,b\n1,2\n3,"open\nmore\n'])).toThrow(
      'line 3: a quoted field of the record that starts here is never closed',
    );
  });
});
