import { type Icon, IconChartBar, IconForms, IconGauge, IconListCheck, IconRoute } from '@tabler/icons-react';
import type { Role } from '../../api/types';

export type Area = {
  path: string;
  label: string;
  icon: Icon;
  roles: Role[];
  purpose: string;
  /** What the area holds once it is built: told to people who open it early. */
  comingWith: string[];
  /** Built: it keeps its place in the navigation, and App routes it to its own page. */
  built?: boolean;
};

const everyone: Role[] = ['admin', 'marketing', 'sales_manager', 'sales_rep'];

/** The areas still to come, in the order a lead travels through them (Leads, Companies and Deals are built). */
export const areas: Area[] = [
  {
    path: '/queue',
    label: 'My queue',
    icon: IconListCheck,
    roles: ['admin', 'sales_manager', 'sales_rep'],
    purpose: 'The leads a rep should call now, warmest first, with the story of what each one did.',
    comingWith: [
      'Warm call list with SLA countdowns',
      'Talk track written from the lead’s history',
      'One-click call logging, accept and reject',
    ],
    built: true,
  },
  {
    path: '/forms',
    label: 'Forms',
    icon: IconForms,
    roles: ['admin', 'marketing'],
    purpose: 'Forms, landing pages and gated content offers that turn visitors into leads.',
    comingWith: [
      'Form builder with progressive profiling',
      'Landing pages with A/B variants',
      'Gated content with signed download links',
    ],
    built: true,
  },
  {
    path: '/scoring',
    label: 'Scoring',
    icon: IconGauge,
    roles: ['admin', 'marketing', 'sales_manager'],
    purpose: 'Fit grade and engagement score, explained, with the threshold both teams agreed on.',
    comingWith: ['Fit criteria and behaviour rules with decay', 'Personas', 'What-if preview over past leads'],
    built: true,
  },
  {
    path: '/routing',
    label: 'Routing',
    icon: IconRoute,
    roles: ['admin', 'sales_manager'],
    purpose: 'Who gets which lead, how fast they must answer, and what happens when they do not.',
    comingWith: ['Routing rules, round robin and pilot group', 'SLA policies with escalation', 'Signed webhooks'],
    built: true,
  },
  {
    path: '/reports',
    label: 'Reports',
    icon: IconChartBar,
    roles: everyone,
    purpose: 'The closed loop: funnel, attribution, speed to lead and why sales rejects leads.',
    comingWith: [
      'Funnel and velocity',
      'Multi-touch attribution and ROI',
      'Scoring calibration from rejection reasons',
    ],
  },
];
