import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client';
import { useMe } from '../../api/session';

export const assetKinds = [
  'white paper',
  'e-book',
  'infographic',
  'case study',
  'checklist',
  'report',
  'guide',
  'template',
  'webinar slides',
  'data sheet',
  'other',
] as const;
export const pageTemplates = [
  { value: 'classic', label: 'Classic — colored hero, form beside the text' },
  { value: 'split', label: 'Split — pitch and form side by side' },
  { value: 'spotlight', label: 'Spotlight — dark, one offer centre stage' },
] as const;
export const conversionSteps = ['cta_view', 'cta_click', 'page_view', 'submission', 'download'] as const;
export type ConversionStep = (typeof conversionSteps)[number];
export const stepLabels: Record<ConversionStep, string> = {
  cta_view: 'CTA views',
  cta_click: 'CTA clicks',
  page_view: 'Page views',
  submission: 'Submissions',
  download: 'Downloads',
};

export type Offer = {
  id: string;
  title: string;
  kind: (typeof assetKinds)[number];
  description: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  gateFormId: string | null;
  createdAt: string;
  downloads: number;
};

export type Variant = {
  id?: string;
  name: string;
  weight: number;
  headline: string;
  subheadline: string;
  body: string;
};

export type LandingPage = {
  id: string;
  slug: string;
  name: string;
  status: 'draft' | 'published';
  template: 'classic' | 'split' | 'spotlight';
  accentColor: string;
  seoTitle: string;
  seoDescription: string;
  ogImageAssetId: string | null;
  formId: string | null;
  assetId: string | null;
  cookieConsent: boolean;
  publishedAt: string | null;
  variants: (Variant & { id: string })[];
};

export type VariantStats = {
  variantId: string;
  views: number;
  submissions: number;
  downloads: number;
  conversionRate: number | null;
};

export type Cta = {
  id: string;
  name: string;
  text: string;
  style: 'button' | 'link';
  backgroundColor: string;
  textColor: string;
  targetPageId: string | null;
  targetUrl: string | null;
};

type Summary = {
  counts: Record<ConversionStep, number>;
  stepRates: { from: ConversionStep; to: ConversionStep; rate: number | null }[];
  pageConversion: number | null;
};
export type Funnel = {
  total: Summary;
  groups: (Summary & { key: string | null; label: string })[];
  series: (Summary & { period: string })[];
};

export function useOffers() {
  return useQuery({
    queryKey: ['offers'],
    queryFn: () => get<{ items: Offer[] }>('/api/offers'),
    select: (d) => d.items,
  });
}

export function useLandingPages() {
  return useQuery({
    queryKey: ['landing-pages'],
    queryFn: () => get<{ items: LandingPage[] }>('/api/landing-pages'),
    select: (d) => d.items,
  });
}

export function useCtas() {
  return useQuery({ queryKey: ['ctas'], queryFn: () => get<{ items: Cta[] }>('/api/ctas'), select: (d) => d.items });
}

/** The workspace's forms (from the forms area), to gate offers and fill pages; empty if unavailable. */
export function useFormChoices() {
  return useQuery({
    queryKey: ['forms', 'choices'],
    queryFn: async () => {
      try {
        return (await get<{ items: { id: string; name: string }[] }>('/api/forms')).items;
      } catch {
        return [];
      }
    },
    select: (items) => items.map((form) => ({ value: form.id, label: form.name })),
  });
}

export function useCanEditContent(): boolean {
  const role = useMe().data?.role;
  return role === 'admin' || role === 'marketing';
}

export const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);
