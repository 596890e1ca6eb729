import { useQuery } from '@tanstack/react-query';
import { get } from './client';
import type { PropertyDefinition, PropertyObject, User } from './types';

/** Everyone in the workspace (owners to pick from); cached a while, it rarely changes. */
export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => get<{ items: User[] }>('/api/users'),
    staleTime: 60_000,
    select: (data) => data.items,
  });
}

/** Owner choices: the active users by name, and the current owner even if disabled since. */
export function ownerOptions(users: User[] | undefined, current?: string | null) {
  return (users ?? [])
    .filter((user) => !user.disabledAt || user.id === current)
    .map((user) => ({ value: user.id, label: user.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The custom properties defined for contacts, companies or deals, in their order. */
export function usePropertyDefinitions(object: PropertyObject) {
  return useQuery({
    queryKey: ['properties', object],
    queryFn: () => get<{ items: PropertyDefinition[] }>(`/api/properties?object=${object}`),
    staleTime: 30_000,
    select: (data) => data.items,
  });
}
