import type { Role } from './types';

/**
 * Who may do what, as the server's routes allow it. The UI only hides what the server would refuse
 * anyway; the server stays the judge.
 */
const rules = {
  mergeContacts: ['admin', 'marketing', 'sales_manager'],
  deleteContacts: ['admin', 'marketing', 'sales_manager'],
  judgeLeads: ['admin', 'sales_manager', 'sales_rep'],
  logSalesActivity: ['admin', 'marketing', 'sales_manager', 'sales_rep'],
  deleteCompanies: ['admin', 'marketing', 'sales_manager'],
  workDeals: ['admin', 'sales_manager', 'sales_rep'],
  deleteDeals: ['admin', 'sales_manager'],
  editProperties: ['admin', 'marketing'],
  editRejectionReasons: ['admin', 'sales_manager'],
  importContacts: ['admin', 'marketing'],
  editScoring: ['admin', 'marketing'],
} satisfies Record<string, Role[]>;

export type Permission = keyof typeof rules;

export function can(role: Role, permission: Permission): boolean {
  return (rules[permission] as Role[]).includes(role);
}
