import { Alert, Button, Code, Group, Modal, Select, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage, patch, post } from '../../api/client';
import { type PropertyDefinition, type PropertyObject, type PropertyType, propertyTypeLabels } from '../../api/types';
import { snakeKey } from './snake-key';

const typeOptions = (Object.keys(propertyTypeLabels) as PropertyType[]).map((type) => ({
  value: type,
  label: propertyTypeLabels[type],
}));
const hasOptions = (type: string) => type === 'single_select' || type === 'multi_select';

type Values = {
  label: string;
  key: string;
  keyEdited: boolean;
  type: PropertyType;
  options: string[];
  required: boolean;
};

/** Define a custom property, or change one: its label, options and whether it is required (key and type stay). */
export function PropertyFormModal(props: { object: PropertyObject; property?: PropertyDefinition; onClose(): void }) {
  const { property } = props;
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      label: property?.label ?? '',
      key: property?.key ?? '',
      keyEdited: false,
      type: property?.type ?? 'text',
      options: property?.options ?? [],
      required: property?.required ?? false,
    },
    validate: {
      label: (value) => (value.trim() ? null : 'Give the property a label'),
      key: (value) =>
        property || /^[a-z][a-z0-9_]{0,62}$/.test(value)
          ? null
          : 'Lower case letters, digits and _, starting with a letter',
      options: (value, values) => (hasOptions(values.type) && value.length === 0 ? 'Add at least one option' : null),
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const options = hasOptions(values.type) ? values.options : [];
      return property
        ? patch<PropertyDefinition>(`/api/properties/${property.id}`, {
            label: values.label.trim(),
            options,
            required: values.required,
          })
        : post<PropertyDefinition>('/api/properties', {
            object: props.object,
            key: values.key,
            label: values.label.trim(),
            type: values.type,
            options,
            required: values.required,
          });
    },
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: ['properties'] });
      props.onClose();
    },
  });

  return (
    <Modal opened onClose={props.onClose} title={property ? `Edit ${property.label}` : 'New property'}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))}>
        <Stack>
          <TextInput
            label="Label"
            required
            data-autofocus
            {...form.getInputProps('label')}
            onChange={(event) => {
              const label = event.currentTarget.value;
              form.setFieldValue('label', label);
              // The key follows the label until someone writes their own.
              if (!property && !form.values.keyEdited) form.setFieldValue('key', snakeKey(label, 63));
            }}
          />
          {property ? (
            <Text size="sm">
              Key <Code>{property.key}</Code> · {propertyTypeLabels[property.type]}
            </Text>
          ) : (
            <>
              <TextInput
                label="Key"
                description="How the API and imports name it; it cannot change later"
                required
                {...form.getInputProps('key')}
                onChange={(event) => {
                  form.setFieldValue('key', event.currentTarget.value);
                  form.setFieldValue('keyEdited', true);
                }}
              />
              <Select label="Type" data={typeOptions} allowDeselect={false} {...form.getInputProps('type')} />
            </>
          )}
          {hasOptions(form.values.type) && (
            <TagsInput
              label="Options"
              description="Type an option and press Enter"
              placeholder="Add an option"
              maxTags={200}
              splitChars={[',']}
              {...form.getInputProps('options')}
            />
          )}
          <Switch
            label="Required"
            description="New records must have a value"
            {...form.getInputProps('required', { type: 'checkbox' })}
          />
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {property ? 'Save' : 'Create property'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
