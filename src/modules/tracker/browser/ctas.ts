import type { Client } from './client';
import { guard } from './dom-tracking';
import { identity } from './identity';
import { pageInfo, sessionCampaign } from './page';

/** A CTA as Baton serves it at /c/<id>. */
type Cta = {
  id: string;
  text: string;
  style: 'button' | 'link';
  backgroundColor: string;
  textColor: string;
  href: string;
  landingPage: boolean;
};

const PLACED = 'data-baton-cta-placed';
const color = (value: string, fallback: string) => (/^#[0-9a-f]{6}$/i.test(value) ? value : fallback);

/**
 * Draws the CTAs a site marks with `<div data-baton-cta="ID"></div>`: a link (styled as a button
 * or not) whose text is set as text, never as HTML. Each counts one view per page once half of it
 * is on screen, and every click; both only while tracking is allowed (the CTA shows regardless).
 */
export function placeCtas(origin: string, client: Client | undefined): void {
  const place = () => {
    for (const slot of Array.from(document.querySelectorAll<HTMLElement>('[data-baton-cta]'))) {
      if (slot.hasAttribute(PLACED)) continue;
      slot.setAttribute(PLACED, '');
      const id = slot.getAttribute('data-baton-cta') ?? '';
      fetch(`${origin}/c/${encodeURIComponent(id)}`, { headers: { accept: 'application/json' } })
        .then((response) => (response.ok ? response.json() : undefined))
        .then((cta?: Cta) => cta && guard(() => draw(slot, cta, origin, client)))
        .catch(() => undefined);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => guard(place));
  else place();
}

function draw(slot: HTMLElement, cta: Cta, origin: string, client: Client | undefined): void {
  const link = document.createElement('a');
  link.className = `baton-cta baton-cta--${cta.style}`;
  link.textContent = cta.text;
  link.href = cta.href;
  link.setAttribute('data-baton-cta-id', cta.id);
  const accent = color(cta.backgroundColor, '#4f46e5');
  if (cta.style === 'button') {
    link.style.cssText = `display:inline-block;padding:.75em 1.4em;border-radius:8px;font-weight:600;text-decoration:none;background:${accent};color:${color(cta.textColor, '#ffffff')}`;
  } else {
    link.style.cssText = `color:${accent};font-weight:600`;
  }
  slot.replaceChildren(link);
  const send = (step: 'view' | 'click') => {
    if (client?.isTracking()) sendEvent(`${origin}/c/${encodeURIComponent(cta.id)}/events`, step);
  };
  // The visitor's id stays out of the link: a shared URL would hand it (and what it unlocks) to others.
  link.addEventListener('click', () => guard(() => send('click')));
  watchView(link, () => send('view'));
}

/** Once half the CTA has been on screen; at once where IntersectionObserver is missing. */
function watchView(element: Element, seen: () => void): void {
  if (typeof IntersectionObserver === 'undefined') {
    seen();
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        guard(seen);
      }
    },
    { threshold: 0.5 },
  );
  observer.observe(element);
}

function sendEvent(url: string, step: 'view' | 'click'): void {
  const campaign = sessionCampaign(false);
  const page = pageInfo();
  const body = JSON.stringify({
    step,
    anonymousId: identity.anonymousId,
    url: page.url,
    referrer: page.referrer || undefined,
    utm: campaign && { source: campaign.source, medium: campaign.medium, campaign: campaign.name },
  });
  // text/plain: a simple request (no CORS preflight), and a beacon survives the click's navigation.
  const blob = new Blob([body], { type: 'text/plain' });
  if (navigator.sendBeacon?.(url, blob)) return;
  fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain' } }).catch(
    () => undefined,
  );
}
