import { escapeHtml } from './render-form';

/** The markup a site pastes to show a form: a placeholder div and the form's script. */
export function embedSnippet(baseUrl: string, formId: string): string {
  const id = escapeHtml(formId);
  return `<div data-baton-form="${id}"></div>\n<script async src="${escapeHtml(baseUrl)}/f/${id}.js"></script>`;
}
