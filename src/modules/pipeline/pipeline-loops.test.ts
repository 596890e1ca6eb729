import { describe, expect, it } from 'vitest';
import { pipelineLoops } from '.';

describe('pipeline loops per process', () => {
  it('runs as many as asked while the pool keeps eight connections for HTTP and jobs', () => {
    expect(pipelineLoops(4, 20)).toBe(4);
    expect(pipelineLoops(8, 20)).toBe(6);
    expect(pipelineLoops(4, 10)).toBe(1);
    expect(pipelineLoops(4, 2)).toBe(1);
  });
});
