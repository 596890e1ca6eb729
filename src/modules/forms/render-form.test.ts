import { describe, expect, it } from 'vitest';
import { formInputSchema } from './form-definition';
import { renderFormHtml } from './render-form';
import { verifyRenderToken } from './render-token';
import { selectFields } from './select-fields';
import { validateSubmission } from './validate-submission';

const form = {
  ...formInputSchema.parse({
    name: 'Demo',
    fields: [
      { name: 'email', type: 'email', label: 'Email', required: true, mapTo: 'contact.email' },
      {
        name: 'first_name',
        type: 'text',
        label: 'First "name" <b>',
        required: true,
        help: 'As on your badge',
        mapTo: 'contact.firstName',
      },
      { name: 'size', type: 'select', label: 'Size', options: ['1-10', '<11>'] },
      { name: 'title', type: 'text', label: 'Title', required: true, progressive: true, mapTo: 'contact.title' },
      { name: 'phone', type: 'phone', label: 'Phone', progressive: true, mapTo: 'contact.phone' },
      { name: 'city', type: 'text', label: 'City', progressive: true, mapTo: 'contact.city' },
      { name: 'tag', type: 'hidden', label: 'Tag', defaultValue: '"><script>' },
    ],
    consent: { text: 'I agree <i>fully</i>', required: true },
    progressiveLimit: 2,
  }),
  id: '0190a6a4-0000-7000-8000-00000000abcd',
  signingKey: 'k',
};

describe('renderFormHtml', () => {
  it('labels every control, marks required ones, and ties help and errors to them', () => {
    const html = renderFormHtml(form, {
      action: '/f/x',
      errors: { email: 'Enter an email' },
      values: { email: 'bad' },
    });
    expect(html).toContain(
      '<label for="bf-0190a6a4-email">Email<span class="baton-required" aria-hidden="true"> *</span></label>',
    );
    expect(html).toMatch(
      /<input type="email" id="bf-0190a6a4-email" name="email" value="bad"[^>]* required aria-required="true" aria-invalid="true" aria-describedby="bf-0190a6a4-email-error">/,
    );
    expect(html).toContain('aria-describedby="bf-0190a6a4-first_name-help bf-0190a6a4-first_name-error"');
    expect(html).toContain('<p class="baton-field__error" id="bf-0190a6a4-email-error">Enter an email</p>');
    expect(html).toContain('role="alert"');
    expect(html).toContain('action="/f/x"');
  });

  it('escapes every label, option, value and hidden field', () => {
    const html = renderFormHtml(form, {
      action: '/f/"><script>',
      hidden: { _baton_page: '"><img src=x>' },
      values: { first_name: '</textarea><script>alert(1)</script>' },
    });
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toContain('First &quot;name&quot; &lt;b&gt;');
    expect(html).toContain('<option value="&lt;11&gt;">&lt;11&gt;</option>');
    expect(html).toContain('I agree &lt;i&gt;fully&lt;/i&gt;');
  });

  it('asks a known visitor the next-best questions, up to the limit, and signs what it asked', () => {
    expect(selectFields(form).map((f) => f.name)).toEqual(['email', 'first_name', 'size', 'tag']);
    const known = selectFields(form, ['email', 'first_name', 'title']).map((f) => f.name);
    expect(known).toEqual(['email', 'size', 'phone', 'city', 'tag']);
    const html = renderFormHtml(form, {
      action: '/f/x',
      knownFields: ['email', 'first_name', 'title'],
      renderedAt: 1000,
    });
    const token = verifyRenderToken('k', html.match(/name="_baton_t" value="([^"]+)"/)![1]!);
    expect(token).toEqual({ renderedAt: 1000, fields: ['email', 'size', 'phone', 'city', 'tag'] });
    expect(verifyRenderToken('other key', html.match(/name="_baton_t" value="([^"]+)"/)![1]!)).toBeNull();
    // A field that was not asked is not required.
    expect(validateSubmission(form, { email: 'a@b.example', consent: 'yes' }, token!.fields).kind).toBe('valid');
    expect(validateSubmission(form, { email: 'a@b.example', consent: 'yes' }).kind).toBe('invalid');
  });
});

describe('validateSubmission on hostile input', () => {
  const asked = ['email', 'first_name'];
  it('drops NUL characters, which PostgreSQL cannot store, instead of failing the submission', () => {
    const check = validateSubmission(
      form,
      { email: 'a@b.example', first_name: 'A\u0000da', consent: 'yes', utm_campaign: 'x\u0000' },
      asked,
    );
    expect(check).toMatchObject({ kind: 'valid', values: { first_name: 'Ada', utm_campaign: 'x' } });
  });

  it('cuts a hidden system field the visitor cannot fix (a long ad-click URL) rather than refusing the lead', () => {
    const longUrl = `https://ads.example/p/ebook?gclid=${'g'.repeat(3000)}`;
    const check = validateSubmission(
      form,
      { email: 'a@b.example', first_name: 'Ada', consent: 'yes', page_url: longUrl },
      asked,
    );
    expect(check.kind).toBe('valid');
    expect(check.kind === 'valid' && (check.values.page_url as string).length).toBe(2000);
    // A field the visitor typed into is still refused when too long, naming it.
    expect(validateSubmission(form, { email: 'a@b.example', first_name: 'x'.repeat(5000) }, asked)).toMatchObject({
      kind: 'too_large',
      names: ['first_name'],
    });
  });
});
