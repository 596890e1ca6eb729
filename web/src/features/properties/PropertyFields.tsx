import { SimpleGrid } from '@mantine/core';
import type { PropertyDefinition, PropertyValues } from '../../api/types';
import { PropertyInput } from './PropertyInput';

/** Every custom property of an object as inputs, two to a row from a tablet up. */
export function PropertyFields(props: {
  definitions: PropertyDefinition[];
  values: PropertyValues;
  onChange(values: PropertyValues): void;
  errors?: Record<string, string>;
}) {
  if (props.definitions.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
      {props.definitions.map((definition) => (
        <PropertyInput
          key={definition.id}
          definition={definition}
          value={props.values[definition.key]}
          error={props.errors?.[definition.key]}
          onChange={(value) => props.onChange({ ...props.values, [definition.key]: value })}
        />
      ))}
    </SimpleGrid>
  );
}
