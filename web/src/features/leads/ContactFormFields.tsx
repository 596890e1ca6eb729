import { Divider, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { ownerOptions, useUsers } from '../../api/directory';
import type { PropertyDefinition } from '../../api/types';
import { PropertyFields } from '../properties/PropertyFields';
import type { ContactFormValues } from './contact-form';
import { sourceOptions } from './lead-filters';

const consentOptions = [
  { value: 'unknown', label: 'Not asked' },
  { value: 'granted', label: 'Granted' },
  { value: 'denied', label: 'Denied' },
];

/** The standard fields of a lead, its owner, and the workspace's custom properties by type. */
export function ContactFormFields(props: {
  form: UseFormReturnType<ContactFormValues>;
  definitions: PropertyDefinition[];
}) {
  const { form } = props;
  const users = useUsers();
  const propertyErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([path]) => path.startsWith('properties.'))
      .map(([path, message]) => [path.slice('properties.'.length), String(message)]),
  );
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        <TextInput label="First name" {...form.getInputProps('firstName')} data-autofocus />
        <TextInput label="Last name" {...form.getInputProps('lastName')} />
        <TextInput label="Email" type="email" {...form.getInputProps('email')} />
        <TextInput label="Phone" type="tel" {...form.getInputProps('phone')} />
        <TextInput label="Job title" {...form.getInputProps('title')} />
        <TextInput
          label="Company"
          description="A work address links the lead to its company"
          {...form.getInputProps('companyName')}
        />
        <TextInput label="Seniority" {...form.getInputProps('seniority')} />
        <TextInput label="Department" {...form.getInputProps('department')} />
        <TextInput label="Country" {...form.getInputProps('country')} />
        <TextInput label="City" {...form.getInputProps('city')} />
        <Select label="Source" placeholder="Unknown" data={sourceOptions} clearable {...form.getInputProps('source')} />
        <Select
          label="Owner"
          placeholder="Unassigned"
          data={ownerOptions(users.data, form.values.ownerId)}
          searchable
          clearable
          {...form.getInputProps('ownerId')}
        />
        <Select label="Consent" data={consentOptions} allowDeselect={false} {...form.getInputProps('consentStatus')} />
      </SimpleGrid>
      {props.definitions.length > 0 && (
        <>
          <Divider label="Custom properties" labelPosition="left" />
          <PropertyFields
            definitions={props.definitions}
            values={form.values.properties}
            errors={propertyErrors}
            onChange={(properties) => form.setFieldValue('properties', properties)}
          />
        </>
      )}
    </Stack>
  );
}
