import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db/connect';
import { AppError, isUniqueViolation, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { type PropertyObject, type PropertyType, propertyDefinitions } from './schema';
import type { PropertyDefinition } from './validate-properties';

export type PropertyView = PropertyDefinition & { id: string; object: PropertyObject; position: number };

const columns = {
  id: propertyDefinitions.id,
  object: propertyDefinitions.object,
  key: propertyDefinitions.key,
  label: propertyDefinitions.label,
  type: propertyDefinitions.type,
  options: propertyDefinitions.options,
  required: propertyDefinitions.required,
  position: propertyDefinitions.position,
};

export async function listProperties(
  db: Executor,
  workspaceId: string,
  object?: PropertyObject,
): Promise<PropertyView[]> {
  return db
    .select(columns)
    .from(propertyDefinitions)
    .where(
      and(
        eq(propertyDefinitions.workspaceId, workspaceId),
        object ? eq(propertyDefinitions.object, object) : undefined,
      ),
    )
    .orderBy(asc(propertyDefinitions.object), asc(propertyDefinitions.position), asc(propertyDefinitions.label));
}

function checkOptions(type: PropertyType, options: string[]) {
  const select = type === 'single_select' || type === 'multi_select';
  if (select && options.length === 0) {
    throw new AppError('validation_failed', 'A select needs options', {
      details: [{ path: 'body.options', message: 'at least one' }],
    });
  }
  if (!select && options.length > 0) {
    throw new AppError('validation_failed', 'Only selects have options', {
      details: [{ path: 'body.options', message: 'not allowed' }],
    });
  }
  if (new Set(options).size !== options.length) {
    throw new AppError('validation_failed', 'Options repeat', {
      details: [{ path: 'body.options', message: 'duplicate option' }],
    });
  }
}

export async function createProperty(
  ctx: AppContext,
  input: {
    workspaceId: string;
    object: PropertyObject;
    key: string;
    label: string;
    type: PropertyType;
    options: string[];
    required: boolean;
  },
): Promise<PropertyView> {
  checkOptions(input.type, input.options);
  try {
    const [row] = await ctx.db
      .insert(propertyDefinitions)
      .values({
        ...input,
        id: newId(),
        position: sql`(select coalesce(max(position), -1) + 1 from property_definitions where workspace_id = ${input.workspaceId} and object = ${input.object})`,
      })
      .returning(columns);
    return row!;
  } catch (error) {
    if (isUniqueViolation(error, 'property_definitions_key')) {
      throw new AppError('conflict', `A ${input.object} property "${input.key}" already exists`, {
        details: [{ path: 'body.key', message: 'already taken' }],
      });
    }
    throw error;
  }
}

/** Label, options and required can change; key and type cannot (stored values depend on them). */
export async function updateProperty(
  ctx: AppContext,
  input: { workspaceId: string; id: string; label?: string; options?: string[]; required?: boolean; position?: number },
): Promise<PropertyView> {
  const [existing] = await ctx.db
    .select(columns)
    .from(propertyDefinitions)
    .where(and(eq(propertyDefinitions.workspaceId, input.workspaceId), eq(propertyDefinitions.id, input.id)));
  if (!existing) throw notFound('Property');
  if (input.options) checkOptions(existing.type, input.options);
  const [row] = await ctx.db
    .update(propertyDefinitions)
    .set({
      ...(input.label !== undefined ? { label: input.label } : {}),
      ...(input.options !== undefined ? { options: input.options } : {}),
      ...(input.required !== undefined ? { required: input.required } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
    })
    .where(and(eq(propertyDefinitions.workspaceId, input.workspaceId), eq(propertyDefinitions.id, input.id)))
    .returning(columns);
  return row!;
}

/** Removes the definition and its values from every record of that kind. */
export async function deleteProperty(ctx: AppContext, workspaceId: string, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .delete(propertyDefinitions)
      .where(and(eq(propertyDefinitions.workspaceId, workspaceId), eq(propertyDefinitions.id, id)))
      .returning({ object: propertyDefinitions.object, key: propertyDefinitions.key });
    if (!existing) throw notFound('Property');
    const table = existing.object === 'contact' ? 'contacts' : existing.object === 'company' ? 'companies' : 'deals';
    await tx.execute(
      sql`update ${sql.identifier(table)} set properties = properties - ${existing.key} where workspace_id = ${workspaceId} and properties ? ${existing.key}`,
    );
  });
}
