import type { Client } from './client';
import { readForm } from './forms';
import type { Properties } from './types';

const PROP_PREFIX = 'data-baton-prop-';
const MAX_TEXT_LENGTH = 100;

/**
 * Tracks what the site marked up: clicks on `data-baton-track` elements and submits of
 * `data-baton-form` forms. Delegated from the document in the capture phase, so it sees events the
 * page stops from propagating and needs nothing from elements added later.
 */
export function trackMarkedElements(client: Client): void {
  document.addEventListener('click', (event) => guard(() => trackClick(client, event)), true);
  document.addEventListener('submit', (event) => guard(() => trackSubmit(client, event)), true);
}

/** Keeps the page and the tracker apart: a tracker error must never break the site's own handlers. */
export function guard(run: () => void): void {
  try {
    run();
  } catch (error) {
    console.warn('baton.js:', error);
  }
}

function trackClick(client: Client, event: Event) {
  const target = event.target instanceof Element ? event.target.closest('[data-baton-track]') : null;
  if (!target) return;
  const properties: Properties = {};
  const link = target.closest('a[href]');
  if (link instanceof HTMLAnchorElement) properties.href = link.href;
  properties.text = (target.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT_LENGTH);
  for (const attribute of Array.from(target.attributes)) {
    if (attribute.name.startsWith(PROP_PREFIX))
      properties[camelCase(attribute.name.slice(PROP_PREFIX.length))] = attribute.value;
  }
  client.track(target.getAttribute('data-baton-track'), properties);
}

/** HTML lowercases attribute names: `data-baton-prop-asset-kind` is how a site writes `assetKind`. */
const camelCase = (name: string) => name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** Identifies the visitor by the form's email first, so their anonymous history joins the lead. */
function trackSubmit(client: Client, event: Event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const name = form.getAttribute('data-baton-form');
  if (name === null) return;
  const { fields, traits } = readForm(form);
  if (traits.email) client.identify(traits);
  client.track('Form Submitted', {
    form: name || form.getAttribute('name') || form.getAttribute('id') || '',
    fields,
  });
}
