import { readFirstRow, readRows, unnestParameters } from './sql';

describe(unnestParameters.name, () => {
  it('answers one array per column, in column order, each in item order', () => {
    const items = [
      { sequence: 1, kind: 'raised', change: { level: 'red' } },
      { sequence: 2, kind: 'closed', change: { level: 'yellow' } },
    ];
    expect(unnestParameters(items, ['sequence', 'kind', (item) => JSON.stringify(item.change)])).toEqual([
      [1, 2],
      ['raised', 'closed'],
      ['{"level":"red"}', '{"level":"yellow"}'],
    ]);
  });

  it('answers an empty array per column for no items', () => {
    expect(unnestParameters<{ sequence: number; kind: string }>([], ['sequence', 'kind'])).toEqual([[], []]);
  });
});

describe('reading rows', () => {
  const found = [{ alert_key: 'A-1' }, { alert_key: 'A-2' }];
  const db = (answer: unknown) => ({ query: jest.fn().mockResolvedValue(answer) });
  const read = (row: { alert_key: string }) => row.alert_key.toLowerCase();

  it('reads every row of the statement, whatever shape the driver answered in', async () => {
    expect(await readRows(db(found), read, 'SELECT 1')).toEqual(['a-1', 'a-2']);
    expect(await readRows(db([found, 2]), read, 'UPDATE 1')).toEqual(['a-1', 'a-2']);
  });

  it('passes the statement and its parameters on', async () => {
    const queried = db(found);
    await readRows(queried, read, 'SELECT $1', ['x']);
    expect(queried.query).toHaveBeenCalledWith('SELECT $1', ['x']);
  });

  it('reads the first row, or answers null when there is none', async () => {
    expect(await readFirstRow(db(found), read, 'SELECT 1')).toBe('a-1');
    expect(await readFirstRow(db([]), read, 'SELECT 1')).toBeNull();
  });
});
