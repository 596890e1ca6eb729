/**
 * The forms' stylesheet: small, and overridable — every selector is wrapped in :where(), so it has
 * no specificity and any rule of the site's own wins. Colours follow the page's text colour.
 */
export const formStylesheet = `
:where(.baton-form){display:grid;gap:.9rem;max-width:32rem;font:inherit;color:inherit}
:where(.baton-field){display:grid;gap:.3rem}
:where(.baton-field label,.baton-field legend){font-weight:600}
:where(.baton-field input:not([type=checkbox]),.baton-field select,.baton-field textarea){font:inherit;padding:.5rem .6rem;border:1px solid #8a8f98;border-radius:6px;background:#fff;color:#111;width:100%;box-sizing:border-box}
:where(.baton-field input:focus-visible,.baton-field select:focus-visible,.baton-field textarea:focus-visible,.baton-form__submit:focus-visible){outline:2px solid #2563eb;outline-offset:2px}
:where(.baton-field--checkbox,.baton-field--consent){grid-template-columns:auto 1fr;align-items:start;column-gap:.5rem}
:where(.baton-field--checkbox label,.baton-field--consent label){font-weight:400}
:where(.baton-field--checkbox .baton-field__error,.baton-field--consent .baton-field__error,.baton-field--checkbox .baton-field__help){grid-column:1/-1}
:where(.baton-field fieldset){border:0;padding:0;margin:0;display:grid;gap:.25rem}
:where(.baton-option){font-weight:400}
:where(.baton-field__help){margin:0;font-size:.875em;opacity:.8}
:where(.baton-field__error){margin:0;font-size:.875em;color:#b91c1c}
:where(.baton-field--invalid input,.baton-field--invalid select,.baton-field--invalid textarea){border-color:#b91c1c}
:where(.baton-required){color:#b91c1c}
:where(.baton-form__summary){padding:.6rem .8rem;border-radius:6px;background:#fef2f2;color:#7f1d1d}
:where(.baton-form__submit){font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer}
:where(.baton-form__submit[disabled]){opacity:.6;cursor:progress}
:where(.baton-form__done){padding:.8rem 1rem;border-radius:6px;background:#f0fdf4;color:#14532d}
`.trim();
