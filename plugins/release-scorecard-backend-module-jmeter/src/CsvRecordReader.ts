import { InputError } from '@backstage/errors';

const QUOTE = 0x22; // "
const CR = 0x0d;
const LF = 0x0a;

/** One record of a CSV file and the line it starts on (1-based). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Where the reader is: between fields, or inside an unquoted or quoted one. */
const State = {
  FieldStart: 0,
  Plain: 1,
  Quoted: 2,
  /** Inside a quoted field, just after a quote: its end, or half of "". */
  QuoteInQuoted: 3,
} as const;
type ReaderState = (typeof State)[keyof typeof State];

/**
 * Splits CSV text into records as it arrives, in the dialect JMeter writes
 * and reads (CSVSaveService): a field holding the delimiter, a quote, CR or
 * LF is quoted, a quote inside it doubled; CRLF, LF and CR all end a line; a
 * quoted field may span lines. Blank lines are skipped. Only the record
 * being read is held, so memory does not grow with the file.
 *
 * Lines are counted as a text editor counts them, line breaks inside quoted
 * fields included, so an error can name the line to look at.
 */
export class CsvRecordReader {
  private state: ReaderState = State.FieldStart;
  private fields: string[] = [];
  /** The part of the current field that came in earlier chunks. */
  private carried = '';
  private line = 1;
  private recordLine = 1;
  private afterCr = false;

  constructor(
    private readonly delimiter: string,
    private readonly onRecord: (record: CsvRecord) => void,
  ) {
    if (delimiter.length !== 1 || /["\r\n]/.test(delimiter)) {
      throw new Error(`Unusable CSV delimiter ${JSON.stringify(delimiter)}`);
    }
  }

  /** Reads the next piece of text; records it completes are passed on. */
  write(text: string): void {
    const delimiter = this.delimiter.charCodeAt(0);
    let fieldStart = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF && this.afterCr) {
        // The LF of a CRLF: the line was counted, and ended, at the CR.
        this.afterCr = false;
        if (this.state === State.Plain || this.state === State.FieldStart) {
          fieldStart = i + 1;
        }
        continue;
      }
      this.afterCr = c === CR;
      const lineBreak = c === CR || c === LF;
      switch (this.state) {
        case State.FieldStart:
          if (lineBreak) {
            if (this.fields.length > 0) {
              // The line ended right after a delimiter: an empty last field.
              this.fields.push('');
              this.endRecord();
            }
            this.line += 1;
          } else {
            if (this.fields.length === 0) {
              this.recordLine = this.line;
            }
            if (c === QUOTE) {
              this.state = State.Quoted;
              fieldStart = i + 1;
            } else if (c === delimiter) {
              this.fields.push('');
            } else {
              this.state = State.Plain;
              fieldStart = i;
            }
          }
          break;
        case State.Plain:
          if (c === delimiter || lineBreak) {
            this.fields.push(this.carried + text.slice(fieldStart, i));
            this.carried = '';
            this.state = State.FieldStart;
            if (lineBreak) {
              this.endRecord();
              this.line += 1;
            }
          } else if (c === QUOTE) {
            throw new InputError(
              `line ${this.line}: a quote inside an unquoted field; JMeter quotes a field that holds one`,
            );
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.carried += text.slice(fieldStart, i);
            this.state = State.QuoteInQuoted;
          } else if (lineBreak) {
            this.line += 1;
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // A doubled quote stands for one quote.
            this.carried += '"';
            this.state = State.Quoted;
            fieldStart = i + 1;
          } else if (c === delimiter || lineBreak) {
            this.fields.push(this.carried);
            this.carried = '';
            this.state = State.FieldStart;
            if (lineBreak) {
              this.endRecord();
              this.line += 1;
            }
          } else {
            throw new InputError(
              `line ${this.line}: a quote inside a quoted field must be doubled`,
            );
          }
          break;
        default:
          throw new Error(`Unknown CSV reader state ${this.state}`);
      }
    }
    if (this.state === State.Plain || this.state === State.Quoted) {
      this.carried += text.slice(fieldStart);
    }
  }

  /** Ends the text: the last record need not end with a line break. */
  end(): void {
    switch (this.state) {
      case State.Quoted:
        throw new InputError(
          `line ${this.recordLine}: a quoted field of the record that starts here is never closed`,
        );
      case State.Plain:
      case State.QuoteInQuoted:
        this.fields.push(this.carried);
        this.carried = '';
        this.endRecord();
        break;
      case State.FieldStart:
        if (this.fields.length > 0) {
          this.fields.push('');
          this.endRecord();
        }
        break;
      default:
        throw new Error(`Unknown CSV reader state ${this.state}`);
    }
    this.state = State.FieldStart;
  }

  private endRecord(): void {
    const record = { fields: this.fields, line: this.recordLine };
    this.fields = [];
    this.onRecord(record);
  }
}
