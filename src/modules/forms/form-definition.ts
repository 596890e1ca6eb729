import { z } from 'zod';

export const fieldTypes = [
  'text',
  'email',
  'phone',
  'number',
  'select',
  'multi_select',
  'checkbox',
  'textarea',
  'hidden',
] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Contact fields a form field can fill (the contact record's own columns). */
export const contactTargets = [
  'email',
  'firstName',
  'lastName',
  'phone',
  'title',
  'seniority',
  'department',
  'companyName',
  'country',
  'city',
] as const;
/** Company fields a form field can fill (passed as the identify call's `company` trait). */
export const companyTargets = ['name', 'website', 'industry', 'employees'] as const;

/**
 * Where a field's answer goes: `contact.<field>`, `contact.custom.<key>` (a custom contact
 * property), `company.<field>`, `company.custom.<key>`, or `comments` (the lead's own words, quoted
 * by the call brief and the talk track). Unmapped answers stay on the submission and the activity.
 */
const mapTarget = z
  .string()
  .regex(
    new RegExp(
      `^(contact\\.(${contactTargets.join('|')})|company\\.(${companyTargets.join('|')})|(contact|company)\\.custom\\.[a-z][a-z0-9_]{0,62}|comments)$`,
    ),
    'must be contact.<field>, contact.custom.<key>, company.<field>, company.custom.<key> or comments',
  );

/** Names the form machinery uses itself; a field may not take them. */
export const systemFieldNames = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'referrer',
  'page_url',
  'page_title',
  'consent',
  '_baton_page',
  '_baton_variant',
  '_baton_cta',
  '_baton_aid',
  '_baton_t',
  '_baton_hp',
] as const;
const reserved = new Set<string>(systemFieldNames);

export const formFieldSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be lower snake case (a-z, 0-9, _), starting with a letter')
      .refine((name) => !reserved.has(name), 'is reserved for the form itself'),
    type: z.enum(fieldTypes),
    label: z.string().trim().min(1).max(200),
    required: z.boolean().default(false),
    placeholder: z.string().max(200).optional(),
    help: z.string().max(500).optional(),
    options: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    /** A hidden field's value (a fixed tag such as a lead source). */
    defaultValue: z.string().max(500).optional(),
    mapTo: mapTarget.optional(),
    /** A next-best question: asked only of known visitors, in order, instead of what Baton knows. */
    progressive: z.boolean().default(false),
  })
  .superRefine((field, issue) => {
    if ((field.type === 'select' || field.type === 'multi_select') && field.options.length === 0)
      issue.addIssue({ code: 'custom', path: ['options'], message: 'a select needs at least one option' });
    if (field.min !== undefined && field.max !== undefined && field.min > field.max)
      issue.addIssue({ code: 'custom', path: ['max'], message: 'must not be less than min' });
    if (field.type === 'email' && field.mapTo && field.mapTo !== 'contact.email')
      issue.addIssue({ code: 'custom', path: ['mapTo'], message: 'an email field maps to contact.email' });
  });
export type FormField = z.infer<typeof formFieldSchema>;

export const formConsentSchema = z.object({
  /** The wording shown beside the checkbox; stored on the contact with the time it was given. */
  text: z.string().trim().min(1).max(2000),
  required: z.boolean().default(true),
});
export type FormConsent = z.infer<typeof formConsentSchema>;

const httpUrl = z
  .url()
  .max(2000)
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http or https URL');

export const formSuccessSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), message: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal('redirect'), url: httpUrl }),
  /** Deliver a content offer: the thank-you answer carries a signed download link. */
  z.object({ type: z.literal('offer'), assetId: z.uuid(), message: z.string().trim().max(2000).optional() }),
]);
export type FormSuccess = z.infer<typeof formSuccessSchema>;

export const formSpamSchema = z.object({
  /** Submissions sent sooner than this after the form was shown are kept as spam. */
  minFillSeconds: z.number().int().min(0).max(600).default(3),
  /** Email domains whose submissions are kept as spam (the domain and its subdomains). */
  blockedDomains: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a domain like example.com'),
    )
    .max(500)
    .default([]),
});
export type FormSpam = z.infer<typeof formSpamSchema>;

/** A form as the builder saves it. */
export const formInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    status: z.enum(['draft', 'published', 'archived']).default('draft'),
    fields: z.array(formFieldSchema).max(100),
    consent: formConsentSchema.nullable().default(null),
    success: formSuccessSchema.default({ type: 'message', message: 'Thank you!' }),
    spam: formSpamSchema.default({ minFillSeconds: 3, blockedDomains: [] }),
    handRaiser: z.boolean().default(false),
    progressiveLimit: z.number().int().min(0).max(20).default(2),
    submitLabel: z.string().trim().min(1).max(100).default('Submit'),
    notifyUserIds: z.array(z.uuid()).max(50).default([]),
  })
  .superRefine((form, issue) => {
    const seen = new Set<string>();
    form.fields.forEach((field, index) => {
      if (seen.has(field.name))
        issue.addIssue({ code: 'custom', path: ['fields', index, 'name'], message: `"${field.name}" is used twice` });
      seen.add(field.name);
    });
    const targets = new Map<string, number>();
    form.fields.forEach((field, index) => {
      if (!field.mapTo || field.mapTo === 'comments') return;
      if (targets.has(field.mapTo))
        issue.addIssue({
          code: 'custom',
          path: ['fields', index, 'mapTo'],
          message: `${field.mapTo} is already filled by another field`,
        });
      targets.set(field.mapTo, index);
    });
  });
export type FormInput = z.infer<typeof formInputSchema>;

/** A form as use cases and the renderer see it. */
export type Form = FormInput & {
  id: string;
  workspaceId: string;
  signingKey: string;
  createdAt: Date;
  updatedAt: Date;
};

/** The most a text field holds when the form sets no `maxLength`. */
export const defaultMaxLength = (type: FieldType) => (type === 'textarea' ? 5000 : 500);
