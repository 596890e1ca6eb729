import { ApiError } from '../../api/client';
import type { ScoringModel } from './api';

/** A validation message at a path inside the model: `criteria.2.values`, `gradeBands.A`. */
export type ModelError = { path: string; message: string };

/** The model's validation errors from a 400, with paths relative to the model (`body.` or `body.model.` dropped). */
export function modelErrors(error: unknown): ModelError[] {
  if (!(error instanceof ApiError) || error.status !== 400) return [];
  return error.details
    .filter((detail) => detail.path)
    .map((detail) => ({ path: detail.path!.replace(/^body\.(model\.)?/, ''), message: detail.message }));
}

const sections: Record<string, string> = {
  halfLifeDays: 'Decay half-life',
  gradeBands: 'Grade bands',
  mqlRule: 'MQL threshold',
  handRaiser: 'Hand-raisers',
  disqualify: 'Disqualify rules',
  criteria: 'Fit criteria',
  rules: 'Engagement rules',
};

/** Where an error is, in the words of the page: "Engagement rules › Pricing page › match.urlPattern". */
export function errorPlace(error: ModelError, model: ScoringModel): string {
  const [section = '', index, ...rest] = error.path.split('.');
  const name = sections[section];
  if (!name) return error.path;
  const list = (model as unknown as Record<string, unknown>)[section];
  if (Array.isArray(list) && index !== undefined && /^\d+$/.test(index)) {
    const item = list[Number(index)] as { label?: string } | undefined;
    return [name, item?.label || `row ${Number(index) + 1}`, ...(rest.length ? [rest.join('.')] : [])].join(' › ');
  }
  return [name, ...(index !== undefined ? [index, ...rest] : [])].join(' › ');
}
