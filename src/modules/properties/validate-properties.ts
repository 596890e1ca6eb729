import { z } from 'zod';
import { AppError } from '../../core/errors';
import type { PropertyType } from './schema';

export type PropertyDefinition = {
  key: string;
  label: string;
  type: PropertyType;
  options: string[];
  required: boolean;
};

/** The zod schema for one custom field's value (null clears it). */
function valueSchema(definition: PropertyDefinition): z.ZodType {
  switch (definition.type) {
    case 'text':
      return z.string().max(10_000);
    case 'number':
      return z.number().finite();
    case 'date':
      return z.iso.date().or(z.iso.datetime({ offset: true }));
    case 'boolean':
      return z.boolean();
    case 'single_select':
      return z.enum(definition.options as [string, ...string[]], {
        error: `must be one of: ${definition.options.join(', ')}`,
      });
    case 'multi_select':
      return z
        .array(
          z.enum(definition.options as [string, ...string[]], {
            error: `each must be one of: ${definition.options.join(', ')}`,
          }),
        )
        .max(100);
  }
}

/**
 * Checks custom property values against the workspace's definitions: unknown keys and wrong
 * types are refused with the field and the reason. `partial` (an update) does not require the
 * required ones. Returns the values to store (null clears a value).
 */
export function validateProperties(
  definitions: PropertyDefinition[],
  values: Record<string, unknown>,
  options: { partial: boolean; path?: string },
): Record<string, unknown> {
  const path = options.path ?? 'body.properties';
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const details: { path: string; message: string }[] = [];
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    const definition = byKey.get(key);
    if (!definition) {
      details.push({ path: `${path}.${key}`, message: 'no such property; define it in Settings → Properties first' });
      continue;
    }
    if (value === null) {
      if (definition.required) details.push({ path: `${path}.${key}`, message: 'required' });
      else clean[key] = null;
      continue;
    }
    const result = valueSchema(definition).safeParse(value);
    if (result.success) clean[key] = result.data;
    else details.push({ path: `${path}.${key}`, message: result.error.issues[0]?.message ?? 'invalid' });
  }
  if (!options.partial) {
    for (const definition of definitions) {
      if (definition.required && (values[definition.key] === undefined || values[definition.key] === null)) {
        details.push({ path: `${path}.${definition.key}`, message: 'required' });
      }
    }
  }
  if (details.length > 0) {
    throw new AppError('validation_failed', `${details[0]!.path}: ${details[0]!.message}`, { details });
  }
  return clean;
}
