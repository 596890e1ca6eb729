import type { PageTemplate } from './schema';

/** What every template shares: type, spacing, the form's and the offer's cards, focus rings. */
const base = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2937;background:#fff}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}.skip:focus{left:1rem}
.wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}
h1{font-size:clamp(2rem,5vw,3.25rem);line-height:1.1;letter-spacing:-.02em;margin:0 0 1rem}
.sub{font-size:1.25rem;margin:0 0 1.5rem;opacity:.9}
.body h2{font-size:1.5rem;margin:2rem 0 .75rem}.body h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
.body img{max-width:100%;height:auto}.body blockquote{margin:1rem 0;padding:.25rem 1rem;border-left:4px solid var(--accent);color:#4b5563}
.body pre{overflow:auto;background:#f3f4f6;padding:1rem;border-radius:8px}
.card{background:#fff;color:#1f2937;border-radius:14px;box-shadow:0 10px 30px rgba(15,23,42,.12),0 1px 3px rgba(15,23,42,.08);padding:1.75rem}
.card h2{margin:0 0 1rem;font-size:1.25rem}
.offer{display:flex;gap:1rem;align-items:flex-start;margin:0 0 1.25rem}
.offer .kind{display:block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;color:var(--accent);margin-bottom:.25rem}
.offer p{margin:.25rem 0 0;color:#4b5563;font-size:.95rem}
.button{display:inline-block;background:var(--accent);color:#fff;text-decoration:none;font-weight:600;padding:.8rem 1.4rem;border-radius:10px;border:0}
.button:hover{filter:brightness(1.08)}
.button.secondary{background:#fff;color:#1f2937;border:1px solid #9ca3af}
.consent{position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:20;max-width:40rem;margin:0 auto;background:#fff;color:#1f2937;border:1px solid #d1d5db;border-radius:12px;padding:1rem 1.2rem;box-shadow:0 10px 30px rgba(0,0,0,.15);display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;justify-content:space-between}
.consent p{margin:0;flex:1 1 16rem}.consent-actions{display:flex;gap:.5rem}
.baton-form input,.baton-form select,.baton-form textarea{font:inherit}
.card .baton-form{max-width:none}.card .baton-form__submit{background:var(--accent);padding:.8rem 1.4rem;border-radius:10px}
.card .baton-form__submit:focus-visible{outline-color:var(--accent)}
footer{padding:2rem 0;color:#6b7280;font-size:.85rem;text-align:center}
.preview{background:#fef3c7;color:#92400e;text-align:center;padding:.5rem;font-size:.9rem;font-weight:600}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}`;

const templates: Record<PageTemplate, string> = {
  /** A colored hero band over a two-column body: the words left, the form right. */
  classic: `.hero{background:linear-gradient(135deg,var(--accent),#111827);color:#fff;padding:4.5rem 0 6rem}
main .grid{display:grid;gap:2.5rem;grid-template-columns:1fr;margin-top:-4rem;padding-bottom:3rem}
main .grid>.body{padding-top:5rem}
@media (min-width:900px){main .grid{grid-template-columns:minmax(0,1.4fr) minmax(0,1fr)}}`,
  /** Half and half: the pitch on a tinted panel, the form beside it, stacked on phones. */
  split: `.layout{display:grid;grid-template-columns:1fr;min-height:100vh}
.pitch{background:color-mix(in srgb,var(--accent) 10%,#fff);padding:3rem 1.5rem}
.side{padding:3rem 1.5rem;display:flex;align-items:flex-start;justify-content:center}
.side .card{width:100%;max-width:28rem;position:sticky;top:2rem}
.pitch .inner{max-width:36rem;margin:0 auto}
@media (min-width:900px){.layout{grid-template-columns:1.2fr 1fr}.pitch{padding:5rem 3rem}}`,
  /** A dark stage for one offer: a big headline, the offer and the form centred beneath. */
  spotlight: `body{background:#0b1120;color:#e5e7eb}
.hero{text-align:center;padding:5rem 0 2rem}.hero .sub{max-width:40rem;margin:0 auto 1.5rem}
.stage{max-width:40rem;margin:0 auto;padding:0 1.25rem 3rem}
.body{max-width:40rem;margin:0 auto 2.5rem;padding:0 1.25rem}.body a{color:#a5b4fc}
.stage .card{border-top:6px solid var(--accent)}
footer{color:#9ca3af}`,
};

export function templateCss(template: PageTemplate, accent: string): string {
  // Stored colors are validated; checked again because this lands inside <style>.
  const color = /^#[0-9a-f]{6}$/i.test(accent) ? accent : '#4f46e5';
  return `:root{--accent:${color}}\n${base}\n${templates[template]}`;
}
