import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JobDefinition } from '../core/jobs/job';

/** What a domain module plugs into Baton: its HTTP routes and its background jobs. */
export type BatonModule = {
  name: string;
  routes?: FastifyPluginAsyncZod[];
  jobs?: JobDefinition[];
  /** Long-running loops the worker role runs (the event pipeline), each stopped at shutdown. */
  background?: (() => { stop(): Promise<void> })[];
};
