import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: 'localhost', databaseUrl: undefined, secureCookies: false });
    expect(config.embeddedPostgresDir.endsWith('/.baton/pg')).toBe(true);
  });

  it('fails at start, naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(/PORT[\s\S]*DATABASE_URL/);
    expect(() => loadConfig({ BATON_LOG_LEVEL: 'loud' })).toThrow(/BATON_LOG_LEVEL/);
  });

  it('treats an empty variable as unset, and an https public URL as a reason for Secure cookies', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(loadConfig({ BATON_PUBLIC_URL: 'https://baton.example.com' }).secureCookies).toBe(true);
    expect(loadConfig({ BATON_DATA_DIR: '/var/lib/baton' }).embeddedPostgresDir).toBe('/var/lib/baton/pg');
  });
});
