/** HTML text and attribute values, escaped: everything a person typed goes through here. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A small, self-contained page for a hosted link's outcome (expired link, page not found). */
export function messagePage(input: { title: string; message: string; status: number }): string {
  const title = escapeHtml(input.title);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f8fafc;display:grid;place-items:center;min-height:100vh}
main{max-width:32rem;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.1);margin:1rem}
h1{font-size:1.5rem;margin:0 0 .5rem}p{margin:0;color:#4b5563}small{display:block;margin-top:1rem;color:#6b7280}</style></head>
<body><main><h1>${title}</h1><p>${escapeHtml(input.message)}</p><small>Error ${input.status}</small></main></body></html>`;
}
