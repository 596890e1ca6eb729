import { useQuery } from '@tanstack/react-query';
import type { OpenerTemplates } from '../../../../src/modules/talk-track/write-talk-track';
import { get } from '../../api/client';

export type PersonaOperator = 'contains_any' | 'equals_any' | 'gte' | 'lte';

export type PersonaCondition = { field: string; operator: PersonaOperator; values: string[] };

/** A kind of buyer: who matches it, what hurts them, what to ask and what they will push back with. */
export type Persona = {
  id: string;
  name: string;
  description: string;
  conditions: PersonaCondition[];
  pains: string[];
  discoveryQuestions: string[];
  objections: string[];
  /** Marketing's own talk track openers, by the story the lead tells; a kind left out uses the built-in sentence. */
  talkTrackTemplates: OpenerTemplates;
  /** Higher wins when several personas match a lead. */
  priority: number;
  /** Contacts matched to it now. */
  contacts: number;
};

export type PersonaInput = Omit<Persona, 'id' | 'contacts'>;

export function usePersonas() {
  return useQuery({
    queryKey: ['personas'],
    queryFn: () => get<{ items: Persona[] }>('/api/personas'),
    staleTime: 30_000,
    select: (data) => data.items,
  });
}
