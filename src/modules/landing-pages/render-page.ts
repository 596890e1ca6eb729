import { escapeHtml } from './hosted-html';
import { templateCss } from './page-templates';
import { renderMarkdown } from './render-markdown';
import type { PageTemplate } from './schema';

export type RenderPageInput = {
  template: PageTemplate;
  accentColor: string;
  seo: { title: string; description: string; canonicalUrl: string; imageUrl?: string; siteName?: string };
  variant: { headline: string; subheadline: string; body: string };
  /** The form's markup, made by the forms module (server-rendered, or its embed script). */
  formHtml?: string;
  /** The form's stylesheet, placed in the head. */
  formCss?: string;
  offer?: { title: string; kind: string; description: string; downloadHref?: string };
  /** The tracker; with `consentRequired` it holds every event until the visitor accepts. */
  tracker?: { src: string; writeKey: string; consentRequired?: boolean };
  /** Ask for cookie consent: a bar whose answer is kept in a cookie and passed to the tracker. */
  consentBanner?: boolean;
  preview?: boolean;
};

const e = escapeHtml;

/**
 * The cookie question of pages that ask first. The answer is remembered for a year (that cookie is
 * the only one set without consent, as the answer itself must be kept) and handed to the tracker,
 * which sends what it held back — or forgets it — and sets its visitor cookie only on yes.
 */
const consentBanner = `<div class="consent" role="region" aria-label="Cookie consent" data-baton-consent>
<p>We use cookies to remember you and measure this page. Is that all right?</p>
<div class="consent-actions"><button type="button" class="button" data-answer="granted">Accept</button>
<button type="button" class="button secondary" data-answer="refused">Decline</button></div>
</div>
<script>(function(){var bar=document.querySelector('[data-baton-consent]');if(!bar)return;
bar.addEventListener('click',function(event){var answer=event.target&&event.target.getAttribute&&event.target.getAttribute('data-answer');if(!answer)return;
document.cookie='baton_consent='+answer+'; max-age=31536000; path=/; SameSite=Lax'+(location.protocol==='https:'?'; Secure':'');
var api=window.baton=window.baton||[];var granted=answer==='granted';
if(Array.isArray(api))api.push(['consent',[granted]]);else api.consent(granted);
bar.remove();});})();</script>`;

function offerCard(offer: NonNullable<RenderPageInput['offer']>): string {
  const action = offer.downloadHref
    ? `<p><a class="button" href="${e(offer.downloadHref)}" data-baton-offer-download>Download the ${e(offer.kind)}</a></p>`
    : '';
  return `<div class="offer"><div><span class="kind">${e(offer.kind)}</span><strong>${e(offer.title)}</strong>${
    offer.description ? `<p>${e(offer.description)}</p>` : ''
  }</div></div>${action}`;
}

function cardOf(input: RenderPageInput): string {
  if (!input.formHtml && !input.offer) return '';
  const gated = input.offer && !input.offer.downloadHref;
  const heading = gated ? `Get the ${e(input.offer!.kind)}` : input.offer ? 'Download' : 'Get in touch';
  return `<section class="card" aria-labelledby="card-title"><h2 id="card-title">${heading}</h2>${
    input.offer ? offerCard(input.offer) : ''
  }${input.formHtml ?? ''}</section>`;
}

/**
 * A hosted landing page as one HTML document: no framework, its CSS inline, so it is fast to
 * first paint. Everything a person typed is escaped; the body is Markdown without raw HTML.
 */
export function renderLandingPage(input: RenderPageInput): string {
  const { seo, variant } = input;
  const title = e(seo.title || variant.headline);
  const description = e(seo.description || variant.subheadline);
  const hero = `<h1>${e(variant.headline)}</h1>${variant.subheadline ? `<p class="sub">${e(variant.subheadline)}</p>` : ''}`;
  const body = variant.body.trim() ? `<div class="body">${renderMarkdown(variant.body)}</div>` : '';
  const card = cardOf(input);
  const layouts: Record<PageTemplate, string> = {
    classic: `<header class="hero"><div class="wrap">${hero}</div></header>
<main id="main"><div class="wrap grid">${body || '<div class="body"></div>'}<div>${card}</div></div></main>`,
    split: `<main id="main" class="layout"><div class="pitch"><div class="inner">${hero}${body}</div></div><div class="side">${card}</div></main>`,
    spotlight: `<main id="main"><header class="hero"><div class="wrap">${hero}</div></header><div class="stage">${card}</div>${body}</main>`,
  };
  const meta = [
    `<meta name="description" content="${description}">`,
    `<link rel="canonical" href="${e(seo.canonicalUrl)}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:description" content="${description}">`,
    `<meta property="og:url" content="${e(seo.canonicalUrl)}">`,
    seo.imageUrl ? `<meta property="og:image" content="${e(seo.imageUrl)}">` : '',
    seo.siteName ? `<meta property="og:site_name" content="${e(seo.siteName)}">` : '',
    `<meta name="twitter:card" content="${seo.imageUrl ? 'summary_large_image' : 'summary'}">`,
    input.preview ? '<meta name="robots" content="noindex, nofollow">' : '',
  ]
    .filter(Boolean)
    .join('\n');
  const tracker = input.tracker
    ? `<script async src="${e(input.tracker.src)}" data-write-key="${e(input.tracker.writeKey)}"${
        input.tracker.consentRequired ? ' data-consent="required"' : ''
      }></script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${meta}
<style>${templateCss(input.template, input.accentColor)}</style>
${input.formCss ? `<style>${input.formCss.replace(/<\/style/gi, '')}</style>` : ''}
${tracker}
</head>
<body class="template-${input.template}">
<a class="skip" href="#main">Skip to content</a>
${input.preview ? '<div class="preview" role="status">Preview — not published; views are not counted</div>' : ''}
${layouts[input.template]}
${input.consentBanner ? consentBanner : ''}
<footer>${seo.siteName ? e(seo.siteName) : ''}</footer>
</body>
</html>`;
}
