import { describe, expect, it } from 'vitest';
import { pipelineLoops } from '.';

describe('pipeline loops per process', () => {
  it('runs as many as asked while at least half the pool stays for HTTP and jobs', () => {
    expect(pipelineLoops(4, 20)).toBe(4);
    expect(pipelineLoops(8, 10)).toBe(4);
    expect(pipelineLoops(4, 6)).toBe(2);
    expect(pipelineLoops(4, 2)).toBe(1);
  });
});
