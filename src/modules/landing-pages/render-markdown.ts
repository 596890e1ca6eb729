import MarkdownIt from 'markdown-it';

/**
 * Markdown for page bodies. Raw HTML is not interpreted (`html: false` shows it as text) and
 * link targets go through markdown-it's check, which refuses javascript:, vbscript:, file: and
 * non-image data: URLs; links open in the same tab, with no referrer leak to other sites.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
