import { booleanWords, isInvalid, parseDate, parseDecimal } from './values';

/** What every value of a column looks like, gathered while the file is read (for type inference). */
export type ColumnStats = {
  index: number;
  header: string;
  filled: number;
  /** Distinct non-empty values, or null when there are more than `distinctCap`. */
  distinct: number | null;
  /** The distinct values themselves when few (select options). */
  values: string[] | null;
  samples: string[];
  maxLength: number;
  allNumbers: boolean;
  allDates: boolean;
  allBooleans: boolean;
  allEmails: boolean;
};

const distinctCap = 200;
const sampleCount = 5;
const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const slashDate = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}/;

/** Column statistics built one row at a time; cheap per cell (tests stop once a type is ruled out). */
export class ColumnStatsBuilder {
  private readonly columns: {
    header: string;
    filled: number;
    distinct: Set<string> | null;
    samples: string[];
    maxLength: number;
    numbers: boolean;
    dates: boolean;
    booleans: boolean;
    emails: boolean;
  }[];
  /** Evidence for the order of slash dates: 31/12/2024 proves day first, 12/31/2024 month first. */
  dayFirst = 0;
  monthFirst = 0;

  constructor(
    headers: string[],
    private readonly decimalComma: boolean,
  ) {
    this.columns = headers.map((header) => ({
      header,
      filled: 0,
      distinct: new Set<string>(),
      samples: [],
      maxLength: 0,
      numbers: true,
      dates: true,
      booleans: true,
      emails: true,
    }));
  }

  add(values: string[]): void {
    const count = Math.min(values.length, this.columns.length);
    for (let i = 0; i < count; i += 1) {
      const raw = values[i]!;
      if (raw === '') continue;
      const value = raw.trim();
      if (value === '') continue;
      const column = this.columns[i]!;
      column.filled += 1;
      if (value.length > column.maxLength) column.maxLength = value.length;
      if (column.distinct) {
        if (!column.distinct.has(value)) {
          if (column.samples.length < sampleCount) column.samples.push(value);
          column.distinct.add(value);
          if (column.distinct.size > distinctCap) column.distinct = null;
        }
      } else if (column.samples.length < sampleCount && !column.samples.includes(value)) {
        column.samples.push(value);
      }
      if (column.booleans && !booleanWords.has(value.toLowerCase())) column.booleans = false;
      if (column.numbers && isInvalid(parseDecimal(value, this.decimalComma))) column.numbers = false;
      if (column.emails && !emailLike.test(value)) column.emails = false;
      if (column.dates) {
        if (isInvalid(parseDate(value, 'mdy')) && isInvalid(parseDate(value, 'dmy'))) column.dates = false;
        else {
          const slash = slashDate.exec(value);
          if (slash) {
            if (Number(slash[1]) > 12) this.dayFirst += 1;
            else if (Number(slash[2]) > 12) this.monthFirst += 1;
          }
        }
      }
    }
  }

  build(): ColumnStats[] {
    return this.columns.map((column, index) => {
      const filled = column.filled > 0;
      return {
        index,
        header: column.header,
        filled: column.filled,
        distinct: column.distinct ? column.distinct.size : null,
        values: column.distinct && column.distinct.size <= 50 ? [...column.distinct].sort() : null,
        samples: column.samples,
        maxLength: column.maxLength,
        allNumbers: filled && column.numbers,
        allDates: filled && column.dates,
        allBooleans: filled && column.booleans,
        allEmails: filled && column.emails,
      };
    });
  }
}
