import { z } from 'zod';

/** A query-string flag, "true" or "false" (z.coerce.boolean would read "false" as true). */
export const queryFlag = () =>
  z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true');
