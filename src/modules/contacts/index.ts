export {
  createContacts,
  linkCompaniesByEmailDomain,
  type NewContact,
  refreshContactActivity,
  updateContactFields,
  upsertGroupCompanies,
} from './bulk-write-contacts';
export { type ContactFilters, contactFiltersSchema } from './contact-filters';
export { type ContactTraits, cleanEmail, contactFromTraits, emailInEvent } from './contact-from-traits';
export { contactTimeline, type TimelineItem } from './contact-timeline';
export { countContactsByStage } from './count-contacts';
export { companyDomainOf } from './free-mail-domains';
export { type ContactDetail, getContact } from './get-contact';
export { type ContactSummary, contactConditions, contactsWithScores, listContacts } from './list-contacts';
export { type LifecycleStage, lifecycleStages, type WorkingStatus, workingStatuses } from './schema';
export { contactVisibility } from './visibility';

import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { contactRoutes } from './contact-routes';

export function contactsModule(ctx: AppContext): BatonModule {
  return { name: 'contacts', routes: [contactRoutes(ctx)] };
}
