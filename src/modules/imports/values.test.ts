import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ColumnStatsBuilder } from './column-stats';
import { csvField, guardFormula } from './csv-format';
import { CsvReader } from './csv-reader';
import { readDealStage, readLifecycleStage, readWorkingStatus } from './import-targets';
import { guessMapping, propertyKeyOf } from './mapping';
import { detectDelimiter } from './upload-import';
import {
  Invalid,
  parseBoolean,
  parseDate,
  parseDateTime,
  parseDuration,
  parseEmail,
  parseMoney,
  parseNumber,
} from './values';

function readAll(text: string, delimiter = ',', pieceSize = 7): string[][] {
  const reader = new CsvReader(delimiter);
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += pieceSize) records.push(...reader.push(text.slice(i, i + pieceSize)));
  records.push(...reader.end());
  return records;
}

describe('reading CSV', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and blank lines', () => {
    const text = 'a,b,c\r\n"x, y","he said ""hi""","multi\r\nline"\r\n\r\n5" screen,"q"tail,\nlast,row';
    expect(readAll(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'he said "hi"', 'multi\r\nline'],
      [''],
      ['5" screen', 'qtail', ''],
      ['last', 'row'],
    ]);
  });

  it('reads what csv-parse reads, however the text is cut into pieces', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    const cells = ['plain', '', 'with, comma', 'with "quotes"', 'multi\nline', ' spaced ', 'Müller', '=1+2', ';semi;'];
    const quote = (cell: string) => (/[",\n;]|^ | $/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    for (const delimiter of [',', ';', '\t']) {
      const lines = Array.from({ length: 200 }, () =>
        Array.from({ length: 5 }, () => quote(cells[Math.floor(random() * cells.length)]!)).join(delimiter),
      );
      const newline = random() > 0.5 ? '\n' : '\r\n';
      const text = `${lines.join(newline)}${newline}`;
      const expected = parse(text, { delimiter, relax_column_count: true }) as string[][];
      for (const pieceSize of [1, 3, 64, 100_000]) expect(readAll(text, delimiter, pieceSize)).toEqual(expected);
    }
  });

  it('refuses a quote that is never closed, naming its line', () => {
    expect(() => readAll('a,b\n1,"open\n2,3\n')).toThrow(/starting on line 2 is never closed/);
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('Name;Email;"A, B"\n1;2;3')).toBe(';');
    expect(detectDelimiter('Name\tEmail\tCompany\n')).toBe('\t');
    expect(detectDelimiter('"Last, First",Email\n')).toBe(',');
  });
});

describe('reading values', () => {
  it('reads emails as Baton stores them', () => {
    expect(parseEmail(' Anna@Example.COM ')).toBe('anna@example.com');
    for (const bad of ['anna@', 'anna', 'anna@example', 'a b@example.com']) {
      expect(parseEmail(bad)).toBeInstanceOf(Invalid);
    }
  });

  it('reads dates in ISO and in the file’s day order, and refuses impossible ones', () => {
    expect(parseDate('2024-02-29', 'mdy')).toBe('2024-02-29');
    expect(parseDate('2024-02-29 13:45:00', 'mdy')).toBe('2024-02-29');
    expect(parseDate('03/04/2024', 'mdy')).toBe('2024-03-04');
    expect(parseDate('03/04/2024', 'dmy')).toBe('2024-04-03');
    expect(parseDate('31.12.2024', 'dmy')).toBe('2024-12-31');
    expect(parseDate('2023-02-29', 'mdy')).toBeInstanceOf(Invalid);
    expect(parseDate('13/01/2024', 'mdy')).toBeInstanceOf(Invalid);
    expect(parseDate('next tuesday', 'mdy')).toBeInstanceOf(Invalid);
    expect(parseDate('1/5/23', 'mdy')).toBeInstanceOf(Invalid);
    expect(parseDateTime('2024-05-01 14:30', 'mdy')).toBe('2024-05-01T14:30:00.000Z');
    expect(parseDateTime('2024-05-01T14:30:00+02:00', 'mdy')).toBe('2024-05-01T12:30:00.000Z');
    expect(parseDateTime('5/1/2024 2:30 PM', 'mdy')).toBe('2024-05-01T14:30:00.000Z');
    expect(parseDateTime('2024-05-01', 'mdy')).toBe('2024-05-01T00:00:00.000Z');
    expect(parseDateTime('2024-05-01 25:00', 'mdy')).toBeInstanceOf(Invalid);
  });

  it('reads amounts into minor units without float error, in the currency’s decimals', () => {
    expect(parseMoney('1,234.56', 'USD', false)).toBe(123_456);
    expect(parseMoney('$1.005', 'USD', false)).toBe(101);
    expect(parseMoney('4514', 'USD', false)).toBe(451_400);
    expect(parseMoney('1.234,5 €', 'EUR', true)).toBe(123_450);
    expect(parseMoney('1500', 'JPY', false)).toBe(1500);
    expect(parseMoney('12.3456', 'KWD', false)).toBe(12_346);
    expect(parseMoney('twelve', 'USD', false)).toBeInstanceOf(Invalid);
    expect(parseNumber('2.5', false)).toBe(2.5);
    expect(parseNumber('1.234', true)).toBe(1234);
    expect(parseNumber('abc', false)).toBeInstanceOf(Invalid);
    expect(parseDuration('1:05:30', false)).toBe(3930);
    expect(parseDuration('90', false)).toBe(90);
    expect(parseBoolean('Yes')).toBe(true);
    expect(parseBoolean('0')).toBe(false);
    expect(parseBoolean('maybe')).toBeInstanceOf(Invalid);
  });

  it('reads HubSpot and Salesforce enum values case-insensitively', () => {
    for (const value of ['marketingqualifiedlead', 'Marketing Qualified Lead', 'MQL', 'mql']) {
      expect(readLifecycleStage(value)).toBe('mql');
    }
    expect(readLifecycleStage('salesqualifiedlead')).toBe('sql');
    expect(readLifecycleStage('evangelist')).toBe('customer');
    expect(readLifecycleStage('other')).toBeInstanceOf(Invalid);
    expect(readWorkingStatus('ATTEMPTED_TO_CONTACT')).toBe('attempting');
    expect(readWorkingStatus('Open - Not Contacted')).toBe('new');
    expect(readDealStage('Closed Won')).toBe('closed_won');
    expect(readDealStage('closedlost')).toBe('closed_lost');
    expect(readDealStage('Proposal/Price Quote')).toBe('proposal');
    expect(readDealStage('Prospecting')).toBe('discovery');
  });
});

describe('guessing the mapping', () => {
  const columnsOf = (rows: string[][]) => {
    const builder = new ColumnStatsBuilder(rows[0]!, false);
    for (const row of rows.slice(1)) builder.add(row);
    return builder.build();
  };

  it('maps HubSpot contact export headers, and other columns to new properties of the type their values fit', () => {
    const rows = [
      [
        'Record ID',
        'First Name',
        'Last Name',
        'Email',
        'Company Name',
        'Lifecycle Stage',
        'Lead Status',
        'Contact owner',
        'Create Date',
        'Annual Revenue',
        'Newsletter',
        'Empty',
      ],
      ...Array.from({ length: 12 }, (_, i) => [
        String(1000 + i),
        'Anna',
        'Smith',
        `anna${i}@acme.com`,
        'Acme',
        i % 2 ? 'marketingqualifiedlead' : 'lead',
        'NEW',
        'owner@acme.com',
        '2024-05-01 10:00',
        `${i * 1000}.50`,
        i % 3 ? 'Yes' : 'No',
        '',
      ]),
    ];
    const mapping = guessMapping('contacts', columnsOf(rows), []);
    expect(mapping.columns).toEqual([
      { type: 'field', field: 'externalId' },
      { type: 'field', field: 'firstName' },
      { type: 'field', field: 'lastName' },
      { type: 'field', field: 'email' },
      { type: 'field', field: 'companyName' },
      { type: 'field', field: 'lifecycleStage' },
      { type: 'field', field: 'workingStatus' },
      { type: 'field', field: 'owner' },
      { type: 'field', field: 'createdAt' },
      { type: 'new_property', key: 'annual_revenue', label: 'Annual Revenue', propertyType: 'number' },
      { type: 'new_property', key: 'newsletter', label: 'Newsletter', propertyType: 'boolean' },
      { type: 'ignore' },
    ]);
  });

  it('maps Salesforce opportunity headers to deal fields, and a known property by its label', () => {
    const rows = [
      [
        'Opportunity ID',
        'Opportunity Name',
        'Account Name',
        'Stage',
        'Amount',
        'Close Date',
        'Opportunity Owner',
        'Region Code',
      ],
      ['0061', 'Big deal', 'Acme', 'Closed Won', '1,000.00', '3/31/2024', 'Rep One', 'EMEA'],
    ];
    const mapping = guessMapping('deals', columnsOf(rows), [
      {
        id: 'p1',
        object: 'deal',
        key: 'region',
        label: 'Region code',
        type: 'text',
        options: [],
        required: false,
        position: 0,
      },
    ]);
    expect(mapping.columns).toEqual([
      { type: 'field', field: 'externalId' },
      { type: 'field', field: 'name' },
      { type: 'field', field: 'company' },
      { type: 'field', field: 'stage' },
      { type: 'field', field: 'amount' },
      { type: 'field', field: 'closeDate' },
      { type: 'field', field: 'owner' },
      { type: 'property', key: 'region' },
    ]);
  });

  it('does not trust a header whose values do not fit the field', () => {
    const rows = [
      ['Email', 'Status'],
      ...Array.from({ length: 20 }, (_, i) => [`a${i}@x.com`, i % 2 ? 'Hot' : 'Cold']),
    ];
    expect(guessMapping('contacts', columnsOf(rows), []).columns[1]).toMatchObject({
      type: 'new_property',
      propertyType: 'single_select',
      options: ['Cold', 'Hot'],
    });
  });

  it('makes property keys of headers', () => {
    expect(propertyKeyOf('Total Time Spent on Website')).toBe('total_time_spent_on_website');
    expect(propertyKeyOf('2nd Touch (Date)')).toBe('p_2nd_touch_date');
    expect(propertyKeyOf('Größe')).toBe('gro_e');
  });
});

describe('writing CSV', () => {
  it('guards values a spreadsheet would evaluate, and quotes what needs quoting', () => {
    expect(guardFormula('=HYPERLINK("http://evil.example","click")')).toBe(
      '\'=HYPERLINK("http://evil.example","click")',
    );
    for (const value of ['+1 555', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(guardFormula(value)).toBe(`'${value}`);
    expect(guardFormula('Anna')).toBe('Anna');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(['a', 'b'])).toBe('a; b');
    expect(csvField(null)).toBe('');
  });
});
