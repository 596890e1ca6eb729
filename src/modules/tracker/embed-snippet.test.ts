import { describe, expect, it } from 'vitest';
import { embedSnippet } from './embed-snippet';

describe('embedSnippet', () => {
  it('is one line: the queue stub, then the async script tag with the write key', () => {
    const snippet = embedSnippet({ baseUrl: 'https://baton.example.com/', writeKey: 'wk_abc' });
    expect(snippet).not.toContain('\n');
    expect(snippet).toMatch(/^<script>\(function\(w\)\{.*\}\)\(window\);<\/script>/);
    expect(snippet).toMatch(
      /<script async src="https:\/\/baton\.example\.com\/t\.js" data-write-key="wk_abc"><\/script>$/,
    );
  });

  it('adds the consent and Do Not Track options only when asked', () => {
    const plain = embedSnippet({ baseUrl: 'https://b.example', writeKey: 'wk_abc' });
    expect(plain).not.toMatch(/data-consent|data-respect-dnt/);
    const strict = embedSnippet({
      baseUrl: 'https://b.example',
      writeKey: 'wk_abc',
      consentRequired: true,
      respectDoNotTrack: true,
    });
    expect(strict).toContain('data-write-key="wk_abc" data-consent="required" data-respect-dnt="true"></script>');
  });

  it('escapes what it puts into attributes', () => {
    const snippet = embedSnippet({ baseUrl: 'https://b.example/a?x=1&y="2"', writeKey: '"><img src=x>' });
    expect(snippet).toContain('src="https://b.example/a?x=1&amp;y=&quot;2&quot;/t.js"');
    expect(snippet).toContain('data-write-key="&quot;&gt;&lt;img src=x&gt;"');
  });
});
