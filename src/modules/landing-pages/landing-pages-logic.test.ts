import { describe, expect, it } from 'vitest';
import { chooseVariant, visitorBucket } from './choose-variant';
import { renderMarkdown } from './render-markdown';
import { renderLandingPage } from './render-page';

describe('variant splitting', () => {
  const variants = [
    { id: 'a', weight: 3 },
    { id: 'b', weight: 1 },
  ];

  it('gives each variant a share of visitors in proportion to its weight', () => {
    expect(chooseVariant(variants, 0)?.id).toBe('a');
    expect(chooseVariant(variants, 0.7499)?.id).toBe('a');
    expect(chooseVariant(variants, 0.75)?.id).toBe('b');
    expect(chooseVariant(variants, 0.9999)?.id).toBe('b');
    const seen = { a: 0, b: 0 } as Record<string, number>;
    for (let visitor = 0; visitor < 20_000; visitor += 1) {
      seen[chooseVariant(variants, visitorBucket('page-1', `visitor-${visitor}`))!.id]! += 1;
    }
    expect(seen.a! / 20_000).toBeGreaterThan(0.73);
    expect(seen.a! / 20_000).toBeLessThan(0.77);
  });

  it('keeps a visitor on the variant they saw, by cookie or by their id', () => {
    expect(chooseVariant(variants, 0, 'b')?.id).toBe('b');
    expect(visitorBucket('page-1', 'visitor-9')).toBe(visitorBucket('page-1', 'visitor-9'));
    expect(visitorBucket('page-1', 'visitor-9')).not.toBe(visitorBucket('page-2', 'visitor-9'));
  });

  it('sends nobody new to a paused variant, and forgets a sticky variant that is paused or gone', () => {
    const paused = [
      { id: 'a', weight: 0 },
      { id: 'b', weight: 2 },
    ];
    for (const bucket of [0, 0.3, 0.99]) expect(chooseVariant(paused, bucket)?.id).toBe('b');
    expect(chooseVariant(paused, 0, 'a')?.id).toBe('b');
    expect(chooseVariant(paused, 0, 'zz')?.id).toBe('b');
  });
});

describe('page HTML safety', () => {
  it('shows raw HTML in Markdown as text and drops script links', () => {
    const html = renderMarkdown(
      '## Why\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) [ok](https://example.com)',
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('<a href="https://example.com" rel="noopener nofollow">ok</a>');
    expect(html).toContain('<h2>Why</h2>');
  });

  it('escapes every text a person typed: title, hero, SEO fields, the offer', () => {
    const hostile = '"><script>alert(1)</script>';
    const html = renderLandingPage({
      template: 'classic',
      accentColor: 'red;}</style><script>alert(1)</script>',
      seo: { title: hostile, description: hostile, canonicalUrl: 'https://b.example/p/x?a="b"' },
      variant: { headline: hostile, subheadline: hostile, body: hostile },
      offer: { title: hostile, kind: 'e-book', description: hostile, downloadHref: '/d/x"onclick="alert(1)' },
    });
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toMatch(/<script|<\/style><|onclick="/i);
    expect(html).toContain('<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('--accent:#4f46e5');
    expect(html).toContain('href="/d/x&quot;onclick=&quot;alert(1)"');
  });

  it('has what search engines and link previews read, in each template', () => {
    for (const template of ['classic', 'split', 'spotlight'] as const) {
      const html = renderLandingPage({
        template,
        accentColor: '#0ea5e9',
        seo: {
          title: 'The 2026 widget report',
          description: 'What 500 buyers said',
          canonicalUrl: 'https://baton.example/p/report',
          imageUrl: 'https://baton.example/d/img',
        },
        variant: { headline: 'Widgets, measured', subheadline: 'The report', body: '**Bold** claim' },
        formHtml: '<div data-baton-form="f"></div>',
        tracker: { src: 'https://baton.example/t.js', writeKey: 'wk_x' },
      });
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toContain('<title>The 2026 widget report</title>');
      expect(html).toContain('<meta name="description" content="What 500 buyers said">');
      expect(html).toContain('<link rel="canonical" href="https://baton.example/p/report">');
      expect(html).toContain('<meta property="og:image" content="https://baton.example/d/img">');
      expect(html).toContain('<h1>Widgets, measured</h1>');
      expect(html).toContain('<strong>Bold</strong>');
      expect(html).toContain('<script async src="https://baton.example/t.js" data-write-key="wk_x"></script>');
      expect(html).toContain(`template-${template}`);
      expect(html).toContain('<main id="main"');
      expect(html).not.toContain('noindex');
    }
  });
});
