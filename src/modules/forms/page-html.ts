import { formStylesheet } from './form-style';
import { escapeHtml } from './render-form';

/** A small standalone page (hosted form, thank-you, error) around some already escaped HTML. */
export function pageHtml(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;max-width:36rem;padding:0 1rem;color:#1f2937}
${formStylesheet}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}
