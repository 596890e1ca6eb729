import { usePropertyDefinitions } from '../../api/directory';
import { fieldLabels } from './api';

/**
 * The fields a criterion, disqualify rule or persona condition can test: the standard ones and the
 * workspace's custom contact properties (`properties.<key>`), grouped for a select.
 */
export function useFieldOptions(options: { withPersona?: boolean } = {}) {
  const definitions = usePropertyDefinitions('contact');
  const custom = definitions.data ?? [];
  const standard = Object.entries(fieldLabels)
    .filter(([field]) => options.withPersona !== false || field !== 'persona')
    .map(([value, label]) => ({ value, label }));
  const properties = custom.map((definition) => ({ value: `properties.${definition.key}`, label: definition.label }));
  const label = (field: string) => {
    if (fieldLabels[field]) return fieldLabels[field];
    const key = field.replace(/^properties\./, '');
    return custom.find((definition) => definition.key === key)?.label ?? key;
  };
  const data = [
    { group: 'Standard fields', items: standard },
    ...(properties.length ? [{ group: 'Custom properties', items: properties }] : []),
  ];
  return { data, label };
}
