import { createElement, type ReactNode } from 'react';
import { CtasTab } from './CtasTab';
import { FunnelTab } from './FunnelTab';
import { LandingPagesTab } from './LandingPagesTab';
import { OffersTab } from './OffersTab';

export { useOffers } from './api';

/** The Forms area's tabs for content offers, landing pages, CTAs and the conversion funnel. */
export const contentTabs: { value: string; label: string; element: ReactNode }[] = [
  { value: 'pages', label: 'Landing pages', element: createElement(LandingPagesTab) },
  { value: 'offers', label: 'Content offers', element: createElement(OffersTab) },
  { value: 'ctas', label: 'CTAs', element: createElement(CtasTab) },
  { value: 'funnel', label: 'Conversion paths', element: createElement(FunnelTab) },
];
