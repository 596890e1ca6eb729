import { defaultMaxLength, type Form, type FormField } from './form-definition';
import { signRenderToken } from './render-token';
import { selectFields } from './select-fields';

export type RenderFormOptions = {
  /** Where the form posts (the no-JavaScript endpoint, `/f/:formId`). */
  action: string;
  /** Hidden fields to carry (`_baton_page`, UTM tags, …), rendered escaped. */
  hidden?: Record<string, string>;
  /** Fields whose answers Baton already has: progressive profiling asks next-best questions instead. */
  knownFields?: string[];
  /** Values to show (after a failed submission, or known to prefill), by field name. */
  values?: Record<string, string | string[]>;
  /** Messages to show, by field name (`consent` for the consent box, `_form` for the whole form). */
  errors?: Record<string, string>;
  /** Prefix of element ids, unique per form on a page. */
  idPrefix?: string;
  /** The render time signed into the token (the minimum fill time counts from it). */
  renderedAt?: number;
};

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML content and quoted attribute values alike. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (ch) => entities[ch]!);

const autocomplete: Record<string, string> = {
  'contact.email': 'email',
  'contact.firstName': 'given-name',
  'contact.lastName': 'family-name',
  'contact.phone': 'tel',
  'contact.title': 'organization-title',
  'contact.companyName': 'organization',
  'contact.country': 'country-name',
  'contact.city': 'address-level2',
  'company.name': 'organization',
  'company.website': 'url',
};

const inputType: Partial<Record<FormField['type'], string>> = {
  text: 'text',
  email: 'email',
  phone: 'tel',
  number: 'number',
};

/**
 * A form as accessible HTML that works without JavaScript: a label for every control, required
 * marked for people and for assistive technology, each message tied to its control with
 * aria-describedby, every value and text escaped. The embed script and hosted pages both use it.
 */
export function renderFormHtml(
  form: Pick<Form, 'id' | 'fields' | 'progressiveLimit' | 'consent' | 'submitLabel' | 'signingKey'>,
  options: RenderFormOptions,
): string {
  const prefix = options.idPrefix ?? `bf-${form.id.slice(0, 8)}`;
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const fields = selectFields(form, options.knownFields);
  const token = signRenderToken(form.signingKey, {
    renderedAt: options.renderedAt ?? Date.now(),
    fields: fields.map((field) => field.name),
  });
  const parts: string[] = [
    `<form class="baton-form" method="post" action="${escapeHtml(options.action)}" accept-charset="utf-8" data-baton-form-id="${escapeHtml(form.id)}">`,
  ];
  const formError = errors._form;
  const count = Object.keys(errors).length;
  parts.push(
    `<div class="baton-form__summary" id="${prefix}-summary" role="alert"${count ? '' : ' hidden'}>${
      count
        ? escapeHtml(
            formError ??
              (count === 1 ? 'Please correct the field marked below.' : 'Please correct the fields marked below.'),
          )
        : ''
    }</div>`,
  );
  for (const field of fields) parts.push(renderField(field, prefix, values[field.name], errors[field.name]));
  if (form.consent) {
    const id = `${prefix}-consent`;
    const error = errors.consent;
    const checked = values.consent !== undefined && values.consent !== '' ? ' checked' : '';
    parts.push(
      `<div class="baton-field baton-field--consent${error ? ' baton-field--invalid' : ''}">` +
        `<input type="checkbox" id="${id}" name="consent" value="yes"${checked}${form.consent.required ? ' required aria-required="true"' : ''}${
          error ? ' aria-invalid="true"' : ''
        } aria-describedby="${id}-error">` +
        `<label for="${id}">${escapeHtml(form.consent.text)}${form.consent.required ? requiredMark : ''}</label>` +
        errorSlot(`${id}-error`, error) +
        '</div>',
    );
  }
  // The honeypot: invisible to people (and to assistive technology), filled in by naive bots.
  parts.push(
    `<div class="baton-hp" aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">` +
      `<label for="${prefix}-hp">Leave this field empty</label><input type="text" id="${prefix}-hp" name="_baton_hp" tabindex="-1" autocomplete="off" value=""></div>`,
  );
  parts.push(`<input type="hidden" name="_baton_t" value="${escapeHtml(token)}">`);
  for (const [name, value] of Object.entries(options.hidden ?? {}))
    parts.push(`<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`);
  parts.push(
    `<div class="baton-form__actions"><button type="submit" class="baton-form__submit">${escapeHtml(form.submitLabel)}</button></div>`,
  );
  parts.push('</form>');
  return parts.join('\n');
}

const requiredMark = '<span class="baton-required" aria-hidden="true"> *</span>';

const errorSlot = (id: string, error: string | undefined) =>
  `<p class="baton-field__error" id="${id}"${error ? '' : ' hidden'}>${escapeHtml(error ?? '')}</p>`;

function renderField(field: FormField, prefix: string, value: string | string[] | undefined, error?: string): string {
  const id = `${prefix}-${field.name}`;
  const name = escapeHtml(field.name);
  if (field.type === 'hidden') {
    const hiddenValue = typeof value === 'string' ? value : (field.defaultValue ?? '');
    return `<input type="hidden" name="${name}" value="${escapeHtml(hiddenValue)}">`;
  }
  const describedBy = [field.help ? `${id}-help` : null, `${id}-error`].filter(Boolean).join(' ');
  const common = `${field.required ? ' required aria-required="true"' : ''}${error ? ' aria-invalid="true"' : ''} aria-describedby="${describedBy}"`;
  const help = field.help ? `<p class="baton-field__help" id="${id}-help">${escapeHtml(field.help)}</p>` : '';
  const label = `${escapeHtml(field.label)}${field.required ? requiredMark : ''}`;
  const text = typeof value === 'string' ? value : Array.isArray(value) ? (value[0] ?? '') : '';
  const chosen = new Set(Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : []);
  const wrap = (inner: string) =>
    `<div class="baton-field baton-field--${field.type}${error ? ' baton-field--invalid' : ''}" data-field="${name}">${inner}${help}${errorSlot(`${id}-error`, error)}</div>`;
  switch (field.type) {
    case 'textarea':
      return wrap(
        `<label for="${id}">${label}</label><textarea id="${id}" name="${name}" rows="4" maxlength="${field.maxLength ?? defaultMaxLength('textarea')}"${
          field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : ''
        }${common}>${escapeHtml(text)}</textarea>`,
      );
    case 'select':
      return wrap(
        `<label for="${id}">${label}</label><select id="${id}" name="${name}"${common}><option value="">${escapeHtml(
          field.placeholder ?? 'Choose…',
        )}</option>${field.options
          .map(
            (option) =>
              `<option value="${escapeHtml(option)}"${chosen.has(option) ? ' selected' : ''}>${escapeHtml(option)}</option>`,
          )
          .join('')}</select>`,
      );
    case 'multi_select':
      // A group of checkboxes: easier to use than <select multiple>, and announced as one question.
      return wrap(
        `<fieldset id="${id}" aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ''}><legend>${label}</legend>${field.options
          .map(
            (option, index) =>
              `<label class="baton-option" for="${id}-${index}"><input type="checkbox" id="${id}-${index}" name="${name}" value="${escapeHtml(option)}"${
                chosen.has(option) ? ' checked' : ''
              }> ${escapeHtml(option)}</label>`,
          )
          .join('')}</fieldset>`,
      );
    case 'checkbox':
      return wrap(
        `<input type="checkbox" id="${id}" name="${name}" value="yes"${chosen.size > 0 && text !== '' ? ' checked' : ''}${common}><label for="${id}">${label}</label>`,
      );
    default: {
      const type = inputType[field.type] ?? 'text';
      const limits =
        field.type === 'number'
          ? `${field.min !== undefined ? ` min="${field.min}"` : ''}${field.max !== undefined ? ` max="${field.max}"` : ''} step="any"`
          : ` maxlength="${field.maxLength ?? defaultMaxLength(field.type)}"`;
      const auto = field.mapTo && autocomplete[field.mapTo] ? ` autocomplete="${autocomplete[field.mapTo]}"` : '';
      return wrap(
        `<label for="${id}">${label}</label><input type="${type}" id="${id}" name="${name}" value="${escapeHtml(text)}"${limits}${auto}${
          field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : ''
        }${common}>`,
      );
    }
  }
}
