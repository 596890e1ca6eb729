import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers/test-app';
import { sqlClientOf } from './sql-client';

describe('plain SQL inside a drizzle transaction', () => {
  const testApp = useTestApp();

  it('binds $n parameters (repeated ones too) and hands timestamps over as Dates, as a pg client does', async () => {
    const { ctx } = testApp();
    const at = new Date('2026-03-29T01:30:00.123Z');
    const viaDrizzle = await ctx.db.transaction((tx) =>
      sqlClientOf(tx).query<{ at: Date; later: Date | null; same: boolean; label: string }>(
        `select $1::timestamptz as at, null::timestamptz as later, $1::timestamptz = $1::timestamptz as same, $2::text as label`,
        [at, 'a $1 in a value stays text'],
      ),
    );
    const viaPool = await ctx.pool.query<{ at: Date }>('select $1::timestamptz as at', [at]);
    expect(viaDrizzle.rows).toEqual([{ at, later: null, same: true, label: 'a $1 in a value stays text' }]);
    expect(viaDrizzle.rows[0]!.at).toBeInstanceOf(Date);
    expect(viaPool.rows[0]!.at).toEqual(viaDrizzle.rows[0]!.at);
  });
});
