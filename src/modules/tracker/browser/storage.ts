/**
 * Cookies and Web Storage that never throw: blocked or full storage (private windows, sandboxed
 * frames, disabled cookies) reads as empty and ignores writes, and the tracker runs from memory.
 */

type Area = 'localStorage' | 'sessionStorage';

export function load(area: Area, key: string): string | null {
  try {
    return window[area].getItem(key);
  } catch {
    return null;
  }
}

/** Stores `value`, or removes the key when it is null. */
export function save(area: Area, key: string, value: string | null): void {
  try {
    if (value === null) window[area].removeItem(key);
    else window[area].setItem(key, value);
  } catch {
    // Nothing to do: memory keeps the value for this page.
  }
}

export function readCookie(name: string): string | undefined {
  try {
    return document.cookie.match(new RegExp(`(?:^|; )${name}=([^;]+)`))?.[1];
  } catch {
    return undefined;
  }
}

/** A first-party cookie for the whole site; `Secure` on https so it never travels in clear. */
export function writeCookie(name: string, value: string, maxAgeSeconds: number): void {
  try {
    const secure = location.protocol === 'https:' ? '; Secure' : '';
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is async and missing from many browsers still.
    document.cookie = `${name}=${value}; max-age=${maxAgeSeconds}; path=/; SameSite=Lax${secure}`;
  } catch {
    // Cookies blocked: the localStorage mirror still carries the id.
  }
}
