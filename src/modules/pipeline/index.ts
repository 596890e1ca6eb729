export { type Pipeline, type PipelineOptions, startPipeline } from './pipeline-worker';
export { type PipelineEvent, planBatch } from './plan-batch';

import type { AppContext } from '../../core/context';
import type { BatonModule } from '../module';
import { startPipeline } from './pipeline-worker';

export function pipelineModule(ctx: AppContext): BatonModule {
  return { name: 'pipeline', background: [() => startPipeline(ctx)] };
}
