import { z } from 'zod';
import { apiKeyKinds, userRoles } from './schema';

export const roleSchema = z.enum(userRoles);

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    disabledAt: z.date().nullable(),
    lastLoginAt: z.date().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'User' });

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(apiKeyKinds),
    role: roleSchema.nullable(),
    prefix: z.string().describe('First characters of the key, to recognise it'),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    revokedAt: z.date().nullable(),
  })
  .meta({ id: 'ApiKey' });

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);
export const emailSchema = z.email().max(254);
export const idParams = z.object({ id: z.uuid() });
