import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn, workspaceIdColumn } from '../../core/db/columns';

export const propertyObjects = ['contact', 'company', 'deal'] as const;
export type PropertyObject = (typeof propertyObjects)[number];

export const propertyTypes = ['text', 'number', 'date', 'boolean', 'single_select', 'multi_select'] as const;
export type PropertyType = (typeof propertyTypes)[number];

/** A custom field a workspace adds to contacts, companies or deals; values live in `properties` jsonb. */
export const propertyDefinitions = pgTable(
  'property_definitions',
  {
    workspaceId: workspaceIdColumn(),
    id: idColumn(),
    object: text('object').$type<PropertyObject>().notNull(),
    /** The key in the record's `properties` object: lower snake case, stable. */
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').$type<PropertyType>().notNull(),
    /** The choices of a single or multi select. */
    options: jsonb('options').$type<string[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('property_definitions_key').on(t.workspaceId, t.object, t.key),
    check('property_definitions_key_format', sql`${t.key} ~ '^[a-z][a-z0-9_]{0,62}$'`),
  ],
);
