import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPage, type TestPage } from './test-page';

const signUpForm = `
  <form data-baton-form="Demo request" action="/thanks">
    <input name="first_name" value="Ada">
    <input name="last_name" value="Lovelace">
    <input type="email" name="work_email" value="ada@widgets.example">
    <input name="company" value="Widget Works">
    <input type="password" name="pw" value="hunter2">
    <input name="card-number" value="4111111111111111">
    <input name="cc" autocomplete="cc-number" value="4111111111111111">
    <input type="hidden" name="csrf_token" value="csrf-secret-token">
    <input name="notes" value="private note" data-baton-ignore>
    <select name="team_size"><option>1-10</option><option selected>11-50</option></select>
    <input type="checkbox" name="newsletter" checked>
    <input type="checkbox" name="interests" value="email" checked>
    <input type="checkbox" name="interests" value="scoring" checked>
    <input type="checkbox" name="interests" value="events">
    <input type="radio" name="contact_by" value="phone">
    <input type="radio" name="contact_by" value="email" checked>
    <textarea name="message">  Call me  </textarea>
    <button type="submit">Send</button>
  </form>`;

describe('website tracker: marked elements', () => {
  let page: TestPage | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    expect(page?.problems).toEqual([]);
    page?.close();
    page = undefined;
    vi.useRealTimers();
  });

  it('tracks a click inside a data-baton-track element with its link, text and data-baton-prop-* attributes', async () => {
    page = await openPage({
      body: `
        <a href="/signup?plan=pro" data-baton-track="CTA Clicked" data-baton-prop-plan="pro" data-baton-prop-position="hero" data-baton-prop-asset-kind="trial">
          <span>Start   your free
          trial</span>
        </a>
        <button data-baton-track="Chat Opened">${'Talk to us '.repeat(20)}</button>
        <a href="/blog">Not marked</a>`,
    });
    // The site stopping the click does not hide it: the tracker listens in the capture phase.
    page.document.querySelector('button')!.addEventListener('click', (event) => event.stopPropagation());
    page.click('a span');
    page.click('button');
    page.click('a[href="/blog"]');
    await page.advance(1000);

    const tracks = (await page.events()).filter((event) => event.type === 'track');
    expect(tracks.map(({ event, properties }) => ({ event, properties }))).toEqual([
      {
        event: 'CTA Clicked',
        properties: {
          href: 'https://www.widgets.example/signup?plan=pro',
          text: 'Start your free trial',
          plan: 'pro',
          position: 'hero',
          assetKind: 'trial',
        },
      },
      { event: 'Chat Opened', properties: { text: 'Talk to us '.repeat(20).slice(0, 100) } },
    ]);
  });

  it('on a data-baton-form submit, identifies the visitor by email first, then tracks the fields without secrets', async () => {
    page = await openPage({ body: signUpForm });
    const form = page.document.querySelector('form')!;
    form.addEventListener('submit', (event) => event.preventDefault());
    form.dispatchEvent(new page.window.Event('submit', { bubbles: true, cancelable: true }));
    await page.advance(1000);

    const [, identify, submitted] = await page.events();
    expect(identify).toMatchObject({
      type: 'identify',
      traits: { email: 'ada@widgets.example', firstName: 'Ada', lastName: 'Lovelace', company: 'Widget Works' },
    });
    expect(identify!.userId).toBeUndefined();
    expect(submitted).toMatchObject({ type: 'track', event: 'Form Submitted', anonymousId: identify!.anonymousId });
    expect(submitted!.properties).toEqual({
      form: 'Demo request',
      fields: {
        first_name: 'Ada',
        last_name: 'Lovelace',
        work_email: 'ada@widgets.example',
        company: 'Widget Works',
        team_size: '11-50',
        newsletter: true,
        interests: ['email', 'scoring'],
        contact_by: 'email',
        message: 'Call me',
      },
    });
    expect(JSON.stringify(await page.requests())).not.toMatch(
      /hunter2|4111111111111111|csrf-secret-token|private note/,
    );
  });

  it('tracks a form without an email field without identifying, and leaves unmarked forms alone', async () => {
    page = await openPage({
      body: `
        <form data-baton-form id="search-form"><input name="q" value="widgets"></form>
        <form id="login"><input type="email" name="email" value="ada@widgets.example"></form>`,
    });
    for (const form of page.document.querySelectorAll('form')) {
      form.dispatchEvent(new page.window.Event('submit', { bubbles: true, cancelable: true }));
    }
    await page.advance(1000);

    const events = (await page.events()).filter((event) => event.type !== 'page');
    expect(events).toEqual([
      expect.objectContaining({
        type: 'track',
        event: 'Form Submitted',
        properties: { form: 'search-form', fields: { q: 'widgets' } },
      }),
    ]);
  });
});
