export { type Pipeline, type PipelineOptions, startPipeline } from './pipeline-worker';
export { type PipelineEvent, planBatch } from './plan-batch';

import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { startPipeline } from './pipeline-worker';

/**
 * The pipeline's loops in this process: each claims its own set of partitions, so they apply
 * batches side by side (as separate worker processes would) and PostgreSQL can use more than one core.
 */
export function pipelineModule(ctx: AppContext): BatonModule {
  const loops = pipelineLoops(ctx.config.pipelineConcurrency, ctx.config.dbPoolMax);
  return {
    name: 'pipeline',
    // Each loop takes its share of the partitions per batch, so no loop finds them all taken.
    background: [() => startPipeline(ctx, { loops })],
  };
}

/**
 * Loops the pool can carry: each holds a connection while it applies a batch (all share one
 * listening connection), and at least half the pool stays for HTTP and jobs.
 */
export function pipelineLoops(wanted: number, poolMax: number): number {
  return Math.max(1, Math.min(wanted, Math.floor(poolMax / 2) - 1));
}
