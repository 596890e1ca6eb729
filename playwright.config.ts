import { defineConfig } from '@playwright/test';

/** Browser journeys in Debian's Chromium (never a downloaded browser) against a fresh Baton. */
// E2E_PORT lets two runs share a machine (each gets its own Baton and data directory).
const port = Number(process.env.E2E_PORT ?? 3999);
const dataDir = `test-results/e2e-data-${port}`;
export const e2eAdmin = { email: 'admin@e2e.example', password: 'e2e-admin-password-1' };

export default defineConfig({
  testDir: 'e2e',
  outputDir: `test-results/e2e-${port}`,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${dataDir} && exec node bin/baton.js start --port ${port}`,
    url: `http://localhost:${port}/readyz`,
    timeout: 120_000,
    reuseExistingServer: false,
    // SIGTERM lets Baton stop its embedded PostgreSQL; a SIGKILL would orphan it.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      BATON_DATA_DIR: dataDir,
      BATON_ADMIN_EMAIL: e2eAdmin.email,
      BATON_ADMIN_PASSWORD: e2eAdmin.password,
      BATON_LOG_LEVEL: 'warn',
    },
  },
});
