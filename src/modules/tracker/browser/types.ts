/** The Segment-spec shapes the tracker sends to Baton's ingest API. */

export type Properties = Record<string, unknown>;

export type EventType = 'page' | 'track' | 'identify';

export type PageInfo = { path: string; referrer: string; search: string; title: string; url: string };

export type Campaign = { source?: string; medium?: string; name?: string; term?: string; content?: string };

export type EventContext = {
  library: { name: string; version: string };
  page: PageInfo;
  campaign?: Campaign;
  consent?: { granted: boolean };
  userAgent: string;
  locale: string;
  screen: { width: number; height: number };
};

export type BatonEvent = {
  type: EventType;
  messageId: string;
  anonymousId: string;
  userId?: string;
  event?: string;
  name?: string;
  properties: Properties;
  traits?: Properties;
  timestamp: string;
  sentAt?: string;
  writeKey: string;
  context: EventContext;
};
