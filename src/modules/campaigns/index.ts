export { classifySource, type SourceClassification, type Utm } from './classify-source';
export { ensureUtmCampaigns } from './ensure-utm-campaigns';
export { type Channel, channels } from './schema';
