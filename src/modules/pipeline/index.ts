export { type Pipeline, type PipelineOptions, startPipeline } from './pipeline-worker';
export { type PipelineEvent, planBatch } from './plan-batch';

import type { AppContext } from '../../core/context';
import { PARTITIONS } from '../ingest';
import type { BatonModule } from '../module';
import { startPipeline } from './pipeline-worker';

/**
 * The pipeline's loops in this process: each claims its own set of partitions, so they apply
 * batches side by side (as separate worker processes would) and PostgreSQL can use more than one core.
 */
export function pipelineModule(ctx: AppContext): BatonModule {
  return {
    name: 'pipeline',
    background: Array.from(
      { length: ctx.config.pipelineConcurrency },
      // Each takes its share of the partitions per batch, so no loop finds them all taken.
      () => () =>
        startPipeline(ctx, {
          partitionsPerClaim: Math.max(1, Math.floor(PARTITIONS / ctx.config.pipelineConcurrency)),
        }),
    ),
  };
}
