import {
  ImportFileError,
  MappingError,
  parseIndicatorFile,
  type LongMapping,
  type WideMapping,
} from '../../src/domain/imports';

const csv = (...lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');
const long: LongMapping = {
  layout: 'long',
  spaceColumn: 'space',
  periodColumn: 'year',
  indicatorColumn: 'indicator',
  valueColumn: 'value',
};
const wide: WideMapping = { layout: 'wide', spaceColumn: 'space', period: '2022', columns: { a: 'ind_a', b: 'ind_b' } };

describe('parseIndicatorFile, numbers', () => {
  test('when a semicolon file uses decimal commas, then "." is a thousands separator throughout', async () => {
    const result = await parseIndicatorFile(csv('space;a;b', '01;1.234,5;-4,83', '02;0;1.234'), 'csv', wide);

    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => r.value)).toEqual([1234.5, -4.83, 0, 1234]);
  });

  test('when no cell has a decimal comma, then "." is the decimal point', async () => {
    const result = await parseIndicatorFile(csv('space;a;b', '01;1.234;12'), 'csv', wide);

    expect(result.rows.map((r) => r.value)).toEqual([1.234, 12]);
  });

  test('when the mapping says decimal comma, then "1.234" is read as 1234 without evidence in the file', async () => {
    const result = await parseIndicatorFile(csv('space;a;b', '01;1.234;12'), 'csv', { ...wide, decimal: 'comma' });

    expect(result.rows.map((r) => r.value)).toEqual([1234, 12]);
  });

  test('when a German file also holds a point decimal, then that cell is rejected, not guessed', async () => {
    const result = await parseIndicatorFile(csv('space;a;b', '01;4,5;4.22594'), 'csv', wide);

    expect(result.rejected).toEqual([{ line: 2, column: 'b', reason: 'not a number: "4.22594"' }]);
  });

  test('when a cell is not a number, then only that cell is rejected with its line and column', async () => {
    const result = await parseIndicatorFile(csv('space,a,b', '01,1,abc', '02,3,4'), 'csv', wide);

    expect(result.rejected).toEqual([{ line: 2, column: 'b', reason: 'not a number: "abc"' }]);
    expect(result.rows).toHaveLength(3);
  });

  test('when cells hold statistical symbols, then "–" is 0 and "." or "x" are no value', async () => {
    const result = await parseIndicatorFile(csv('space;a;b', '01;–;.', '02;x;-'), 'csv', wide);

    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => [r.spaceCode, r.indicatorKey, r.value])).toEqual([
      ['01', 'ind_a', 0],
      ['02', 'ind_b', 0],
    ]);
  });
});

describe('parseIndicatorFile, rows', () => {
  test('when space codes have leading zeros and spaces, then they are kept as trimmed strings', async () => {
    const result = await parseIndicatorFile(csv('space,a,b', ' 01100101 ,1,2'), 'csv', wide);

    expect(result.rows[0]?.spaceCode).toBe('01100101');
  });

  test('when a space code is missing, then the line is rejected once', async () => {
    const result = await parseIndicatorFile(csv('space,a,b', ',1,2', '02,3,4'), 'csv', wide);

    expect(result.rejected).toEqual([{ line: 2, column: 'space', reason: 'missing space code' }]);
    expect(result.totalRows).toBe(2);
  });

  test('when a row repeats space, indicator and period, then the later one is rejected naming the first', async () => {
    const result = await parseIndicatorFile(
      csv('space,year,indicator,value', '01,2022,x,1', '01,2021,x,2', '01,2022,x,3'),
      'csv',
      long,
    );

    expect(result.rows.map((r) => r.value)).toEqual([1, 2]);
    expect(result.rejected).toEqual([
      { line: 4, column: 'value', reason: 'duplicate row (same space, indicator and period as line 2)' },
    ]);
  });

  test('when periods are years or dates, then they are normalised and bad ones rejected', async () => {
    const result = await parseIndicatorFile(
      csv('space,year,indicator,value', '01,31.12.2020,x,1', '01,2020-06-30,x,2', '01,2022,x,3', '01,2022/23,x,4', '01,,x,5'),
      'csv',
      long,
    );

    expect(result.rows.map((r) => r.period)).toEqual(['2020-12-31', '2020-06-30', '2022']);
    expect(result.rejected).toEqual([
      { line: 5, column: 'year', reason: 'invalid period: "2022/23"' },
      { line: 6, column: 'year', reason: 'missing period' },
    ]);
  });

  test('when a long row has an empty value, then it is rejected as missing', async () => {
    const result = await parseIndicatorFile(csv('space,year,indicator,value', '01,2022,x,'), 'csv', long);

    expect(result.rejected).toEqual([{ line: 2, column: 'value', reason: 'missing value' }]);
  });

  test('when a wide row has empty cells, then those cells are simply no values', async () => {
    const result = await parseIndicatorFile(csv('space,a,b', '01,,2'), 'csv', wide);

    expect(result.rejected).toEqual([]);
    expect(result.rows.map((r) => r.indicatorKey)).toEqual(['ind_b']);
  });

  test('when numerator and denominator columns are mapped, then they are parsed and source names mapped', async () => {
    const result = await parseIndicatorFile(
      csv('space;year;measure;value;num;den', '01;2022;Arbeitslose;5,5;11;200'),
      'csv',
      {
        ...long,
        indicatorColumn: 'measure',
        numeratorColumn: 'num',
        denominatorColumn: 'den',
        indicatorMap: { Arbeitslose: 'unemployment' },
      },
    );

    expect(result.rows).toEqual([
      {
        line: 2,
        column: 'value',
        spaceCode: '01',
        indicatorKey: 'unemployment',
        period: '2022',
        value: 5.5,
        numerator: 11,
        denominator: 200,
      },
    ]);
  });

  test('when a line has the wrong number of cells, then it is rejected as a whole', async () => {
    const result = await parseIndicatorFile(csv('space,a,b', '01,1', '02,1,2'), 'csv', wide);

    expect(result.rejected).toEqual([{ line: 2, column: null, reason: 'wrong number of cells: expected 3, found 2' }]);
  });

  test('when a quoted cell spans lines and blank lines occur, then line numbers still match the file', async () => {
    const bytes = csv('space,year,indicator,value', '01,2022,"two', 'lines",1', '', '01,2022,x,oops');
    const result = await parseIndicatorFile(bytes, 'csv', long);

    expect(result.rows[0]).toMatchObject({ line: 2, indicatorKey: 'two\nlines' });
    expect(result.rejected).toEqual([{ line: 5, column: 'value', reason: 'not a number: "oops"' }]);
    expect(result.totalRows).toBe(2);
  });

  test('when the file has a BOM, CRLF and a period column, then the wide layout reads per-line periods', async () => {
    const bytes = Buffer.from('\uFEFFspace;year;a\r\n01;2021;1\r\n01;2022;2\r\n', 'utf8');
    const result = await parseIndicatorFile(bytes, 'csv', {
      layout: 'wide',
      spaceColumn: 'space',
      periodColumn: 'year',
      columns: { a: 'a' },
    });

    expect(result.rows.map((r) => [r.period, r.value])).toEqual([['2021', 1], ['2022', 2]]);
  });

  test('when the file is Windows-1252, then umlauts in the header still match the mapping', async () => {
    const bytes = Buffer.from('space;Ausländer\n01;5\n', 'latin1');
    const result = await parseIndicatorFile(bytes, 'csv', {
      layout: 'wide',
      spaceColumn: 'space',
      period: '2022',
      columns: { Ausländer: 'foreigners' },
    });

    expect(result.rows[0]?.value).toBe(5);
  });
});

describe('parseIndicatorFile, mapping and file errors', () => {
  test('when the mapping names columns the file lacks, then a MappingError lists every one before parsing', async () => {
    const parse = parseIndicatorFile(csv('space,jahr,indicator,value', '01,2022,x,bad'), 'csv', { ...long, numeratorColumn: 'num' });

    await expect(parse).rejects.toThrow(MappingError);
    await expect(parse).rejects.toMatchObject({
      problems: ['unknown column "year" in mapping', 'unknown column "num" in mapping'],
      availableColumns: ['space', 'jahr', 'indicator', 'value'],
    });
  });

  test('when a wide mapping has neither period nor period column, then it is a MappingError', async () => {
    const parse = parseIndicatorFile(csv('space,a', '01,1'), 'csv', { layout: 'wide', spaceColumn: 'space', columns: { a: 'a' } });

    await expect(parse).rejects.toMatchObject({ problems: ['wide layout needs "periodColumn", "period" or a period for every column in "columnPeriods"'] });
  });

  test('when a title stands above a header of two rows (three indicators over two years each), then the header is found and merged, and each column keeps its period', async () => {
    const file = csv(
      'Sozialdaten nach Stadtteilen;;;;;;',
      'Stadtteil;Einwohner;;Arbeitslose;;Kinder;',
      ';2022;2023;2022;2023;2022;2023',
      '01;100;110;5;6;20;21',
    );
    const names = ['Einwohner 2022', 'Einwohner 2023', 'Arbeitslose 2022', 'Arbeitslose 2023', 'Kinder 2022', 'Kinder 2023'];
    const mapping = {
      layout: 'wide' as const, spaceColumn: 'Stadtteil',
      columns: Object.fromEntries(names.map((n) => [n, n.split(' ')[0]!.toLowerCase()])),
      columnPeriods: Object.fromEntries(names.map((n) => [n, n.split(' ')[1]!])),
    };
    const { rows, rejected } = await parseIndicatorFile(file, 'csv', mapping);
    expect(rejected).toEqual([]);
    expect(rows.map((r) => [r.line, r.column, r.indicatorKey, r.period, r.value])).toEqual([
      [4, 'Einwohner 2022', 'einwohner', '2022', 100], [4, 'Einwohner 2023', 'einwohner', '2023', 110],
      [4, 'Arbeitslose 2022', 'arbeitslose', '2022', 5], [4, 'Arbeitslose 2023', 'arbeitslose', '2023', 6],
      [4, 'Kinder 2022', 'kinder', '2022', 20], [4, 'Kinder 2023', 'kinder', '2023', 21],
    ]);
  });

  test('when the row below a header holds values, not labels, then it stays a data row', async () => {
    const mapping = { layout: 'wide' as const, spaceColumn: 'space', period: '2022', columns: { a: 'a', b: 'b' } };
    const { rows, rejected } = await parseIndicatorFile(csv('space;a;b', ';1,5;2', '01;3;4'), 'csv', mapping);
    expect(rejected).toEqual([{ line: 2, column: 'space', reason: 'missing space code' }]);
    expect(rows.map((r) => [r.line, r.indicatorKey, r.value])).toEqual([[3, 'a', 3], [3, 'b', 4]]);
  });

  test('when two columns map to one indicator, then it is a MappingError', async () => {
    const parse = parseIndicatorFile(csv('space,a,b', '01,1,2'), 'csv', { ...wide, columns: { a: 'x', b: 'x' } });

    await expect(parse).rejects.toMatchObject({ problems: ['indicator "x" is mapped from both "a" and "b"'] });
  });

  test('when the CSV quoting is broken, then an ImportFileError says so', async () => {
    await expect(parseIndicatorFile(csv('space,a,b', '01,"1,2'), 'csv', wide)).rejects.toThrow(ImportFileError);
  });

  test('when the file is empty, then an ImportFileError says so', async () => {
    await expect(parseIndicatorFile(Buffer.alloc(0), 'csv', wide)).rejects.toThrow('the file is empty');
  });
});
