import { expect } from 'vitest';
import type { BatonApp } from '../../src/core/http/app';
import type { Pipeline } from '../../src/modules/pipeline';

/**
 * A function that posts a Segment batch with a write key, expects it accepted, and waits until
 * the pipeline has applied it. `defaults` are merged under each message (a browser's context…).
 */
export function eventSender(app: BatonApp, key: string, pipeline: Pipeline, defaults: Record<string, unknown> = {}) {
  return async (batch: Record<string, unknown>[]) => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: `Bearer ${key}` },
      payload: { batch: batch.map((message) => ({ ...defaults, ...message })) },
    });
    expect(response.statusCode, response.body).toBe(200);
    await pipeline.drain();
    return response.json();
  };
}
