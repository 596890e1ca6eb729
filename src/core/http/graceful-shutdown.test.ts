import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/helpers/test-app';

describe('graceful shutdown', () => {
  it('finishes requests in flight before closing', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let arrived = () => {};
    const requestArrived = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const testApp = await startTestApp({
      // A deliberately slow route, only in this test.
      extraRoutes: (app) =>
        app.get('/slow', async () => {
          arrived();
          await gate;
          return { done: true };
        }),
    });
    const { app } = testApp;
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const inFlight = fetch(`${address}/slow`).then(async (response) => ({
      status: response.status,
      body: await response.json(),
    }));
    await requestArrived;
    let closed = false;
    const closing = app.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false); // still waiting for the slow request
    release();
    expect(await inFlight).toEqual({ status: 200, body: { done: true } });
    await closing;
    expect(closed).toBe(true);
    await testApp.close();
  });
});
