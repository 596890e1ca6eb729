/** The forms API's shapes, as the web app reads them. */
export type FieldType =
  | 'text'
  | 'email'
  | 'phone'
  | 'number'
  | 'select'
  | 'multi_select'
  | 'checkbox'
  | 'textarea'
  | 'hidden';

export type FormField = {
  name: string;
  type: FieldType;
  label: string;
  required: boolean;
  placeholder?: string;
  help?: string;
  options: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  defaultValue?: string;
  mapTo?: string;
  progressive: boolean;
};

export type FormSuccess =
  | { type: 'message'; message: string }
  | { type: 'redirect'; url: string }
  | { type: 'offer'; assetId: string; message?: string };

export type FormInput = {
  name: string;
  status: 'draft' | 'published' | 'archived';
  fields: FormField[];
  consent: { text: string; required: boolean } | null;
  success: FormSuccess;
  spam: { minFillSeconds: number; blockedDomains: string[] };
  handRaiser: boolean;
  progressiveLimit: number;
  submitLabel: string;
  notifyUserIds: string[];
};

export type FormDetail = FormInput & {
  id: string;
  createdAt: string;
  updatedAt: string;
  embed: { snippet: string; hostedUrl: string; endpoint: string };
};

export type FormSummary = FormInput & {
  id: string;
  submissions: number;
  spamCount: number;
  failed: number;
  lastSubmissionAt: string | null;
};

export type SubmissionStatus = 'pending' | 'processed' | 'failed' | 'spam';

export type Submission = {
  id: string;
  formId: string;
  formName: string;
  receivedAt: string;
  status: SubmissionStatus;
  values: Record<string, string | string[]>;
  context: Record<string, unknown>;
  anonymousId: string | null;
  email: string | null;
  contactId: string | null;
  spamReason: string | null;
  error: string | null;
  attempts: number;
  processedAt: string | null;
};

export const statusColors: Record<SubmissionStatus, string> = {
  pending: 'blue',
  processed: 'teal',
  failed: 'red',
  spam: 'gray',
};

export const fieldTypeLabels: Record<FieldType, string> = {
  text: 'Text',
  email: 'Email',
  phone: 'Phone',
  number: 'Number',
  select: 'Select',
  multi_select: 'Multi-select',
  checkbox: 'Checkbox',
  textarea: 'Long text',
  hidden: 'Hidden',
};

export const contactTargets: { value: string; label: string }[] = [
  { value: 'contact.email', label: 'Contact: email' },
  { value: 'contact.firstName', label: 'Contact: first name' },
  { value: 'contact.lastName', label: 'Contact: last name' },
  { value: 'contact.phone', label: 'Contact: phone' },
  { value: 'contact.title', label: 'Contact: job title' },
  { value: 'contact.seniority', label: 'Contact: seniority' },
  { value: 'contact.department', label: 'Contact: department' },
  { value: 'contact.companyName', label: 'Contact: company name' },
  { value: 'contact.country', label: 'Contact: country' },
  { value: 'contact.city', label: 'Contact: city' },
  { value: 'company.name', label: 'Company: name' },
  { value: 'company.website', label: 'Company: website' },
  { value: 'company.industry', label: 'Company: industry' },
  { value: 'company.employees', label: 'Company: employees' },
  { value: 'comments', label: 'Comments (the lead’s own words)' },
];

export const newForm = (): FormInput => ({
  name: '',
  status: 'draft',
  fields: [
    {
      name: 'email',
      type: 'email',
      label: 'Work email',
      required: true,
      options: [],
      mapTo: 'contact.email',
      progressive: false,
    },
    {
      name: 'first_name',
      type: 'text',
      label: 'First name',
      required: true,
      options: [],
      mapTo: 'contact.firstName',
      progressive: false,
    },
    {
      name: 'last_name',
      type: 'text',
      label: 'Last name',
      required: false,
      options: [],
      mapTo: 'contact.lastName',
      progressive: false,
    },
  ],
  consent: null,
  success: { type: 'message', message: 'Thank you! We will be in touch.' },
  spam: { minFillSeconds: 3, blockedDomains: [] },
  handRaiser: false,
  progressiveLimit: 2,
  submitLabel: 'Submit',
  notifyUserIds: [],
});
