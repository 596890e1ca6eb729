import type { FitField, FitProfile } from './fit-grade';
import { criterionMatches } from './fit-grade';

export type PersonaRule = {
  id: string;
  name: string;
  priority: number;
  conditions: { field: FitField; operator: 'contains_any' | 'equals_any' | 'gte' | 'lte'; values: string[] }[];
};

/**
 * The persona a contact is: the one whose conditions all hold, preferring the most specific (more
 * conditions), then the higher priority, then the name (so the choice is stable). None when no
 * persona's conditions all hold.
 */
export function matchPersona(personas: PersonaRule[], profile: FitProfile): PersonaRule | undefined {
  const matching = personas.filter(
    (persona) =>
      persona.conditions.length > 0 &&
      persona.conditions.every((condition) =>
        criterionMatches(
          {
            id: '',
            label: '',
            field: condition.field,
            operator: condition.operator,
            values: condition.values,
            points: 0,
          },
          profile,
        ),
      ),
  );
  matching.sort(
    (a, b) => b.conditions.length - a.conditions.length || b.priority - a.priority || a.name.localeCompare(b.name),
  );
  return matching[0];
}
