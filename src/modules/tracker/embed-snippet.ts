export type EmbedOptions = {
  /** Where Baton answers, e.g. https://baton.example.com (the tracker sends its events there). */
  baseUrl: string;
  writeKey: string;
  /** Send nothing and set no cookie until the site calls `baton.consent(true)`. */
  consentRequired?: boolean;
  /** Send nothing for visitors whose browser sends Do Not Track or Global Privacy Control. */
  respectDoNotTrack?: boolean;
};

/**
 * Defines `window.baton` until /t.js arrives: each call is queued as [method, args] and replayed
 * by the tracker on load, so a site may call it at once without waiting for the script.
 */
const QUEUE_STUB =
  '(function(w){var b=w.baton=w.baton||[];["page","track","identify","consent","reset"].forEach(function(m){b[m]=b[m]||function(){b.push([m,[].slice.call(arguments)])}})})(window);';

/** The one line a customer pastes into the <head> of every page of their website. */
export function embedSnippet(options: EmbedOptions): string {
  const attributes = [
    'async',
    `src="${escapeAttribute(`${options.baseUrl.replace(/\/+$/, '')}/t.js`)}"`,
    `data-write-key="${escapeAttribute(options.writeKey)}"`,
  ];
  if (options.consentRequired) attributes.push('data-consent="required"');
  if (options.respectDoNotTrack) attributes.push('data-respect-dnt="true"');
  return `<script>${QUEUE_STUB}</script><script ${attributes.join(' ')}></script>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
