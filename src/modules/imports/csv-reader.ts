import { AppError } from '../../core/errors';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/** Longest field accepted: a quote never closed would otherwise swallow the rest of a huge file. */
const maxFieldLength = 4 * 1024 * 1024;

/**
 * A streaming CSV reader (RFC 4180): fields quoted with `"` may hold delimiters, quotes (doubled)
 * and line breaks; lines end with LF, CRLF or CR. Lenient where spreadsheets are sloppy: a quote
 * inside an unquoted field is kept, text after a closing quote continues the field. A blank line is
 * a record of one empty field. Several times faster than a general-purpose parser: it scans
 * character codes and slices, never building fields a character at a time.
 */
export class CsvReader {
  private state = State.FieldStart;
  private field = '';
  private record: string[] = [];
  private afterCR = false;
  private line = 1;
  private quoteLine = 1;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The records completed by this piece of text (a record may span pieces). */
  push(text: string): string[][] {
    const records: string[][] = [];
    const delimiter = this.delimiter;
    const length = text.length;
    let start = 0;
    let i = 0;
    const endRecord = () => {
      this.record.push(this.field);
      this.field = '';
      records.push(this.record);
      this.record = [];
      this.state = State.FieldStart;
    };
    for (; i < length; i += 1) {
      const code = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (code === LF && this.afterCR) {
            this.afterCR = false;
            continue;
          }
          this.afterCR = false;
          if (code === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            start = i + 1;
          } else if (code === delimiter) {
            this.record.push('');
          } else if (code === LF || code === CR) {
            endRecord();
            this.line += 1;
            this.afterCR = code === CR;
          } else {
            this.state = State.Unquoted;
            start = i;
          }
          break;
        case State.Unquoted:
          if (code === delimiter) {
            this.record.push(this.field + text.slice(start, i));
            this.field = '';
            this.state = State.FieldStart;
          } else if (code === LF || code === CR) {
            this.field += text.slice(start, i);
            endRecord();
            this.line += 1;
            this.afterCR = code === CR;
          }
          break;
        case State.Quoted:
          if (code === QUOTE) {
            this.field += text.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else if (code === LF) this.line += 1;
          break;
        case State.QuoteInQuoted:
          if (code === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            start = i + 1;
          } else if (code === delimiter) {
            this.record.push(this.field);
            this.field = '';
            this.state = State.FieldStart;
          } else if (code === LF || code === CR) {
            endRecord();
            this.line += 1;
            this.afterCR = code === CR;
          } else {
            this.state = State.Unquoted;
            start = i;
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) {
      this.field += text.slice(start, length);
      if (this.field.length > maxFieldLength) this.tooLong();
    }
    return records;
  }

  /** The last record when the text does not end with a line break; an unclosed quote is an error. */
  end(): string[][] {
    if (this.state === State.Quoted) this.tooLong();
    if (this.state === State.FieldStart && this.record.length === 0) return [];
    this.record.push(this.field);
    const last = this.record;
    this.record = [];
    this.field = '';
    this.state = State.FieldStart;
    return [last];
  }

  private tooLong(): never {
    throw new AppError(
      'validation_failed',
      `The file could not be read as CSV: the quoted field starting on line ${this.quoteLine} is never closed`,
    );
  }
}
