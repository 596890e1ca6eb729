import type { UseFormReturnType } from '@mantine/form';
import { type ReactNode, useState } from 'react';
import type { ScoringModel } from './api';
import type { ModelError } from './model-errors';

export type ModelForm = UseFormReturnType<ScoringModel>;

/** A number input's value (a half-typed one is a string) as a number; an empty one as NaN, which the server names. */
export const toNumber = (value: unknown) =>
  typeof value === 'number' ? value : value === '' ? Number.NaN : Number(value);

/** An optional number: empty means "none". */
export const toOptionalNumber = (value: unknown) =>
  value === '' || value === null || value === undefined ? undefined : toNumber(value);

export const emptyModel: ScoringModel = {
  halfLifeDays: 30,
  gradeBands: { A: 80, B: 60, C: 40, D: 20 },
  mqlRule: { minGrade: 'B', minScore: 50 },
  handRaiser: { forms: [], events: [] },
  disqualify: [],
  criteria: [],
  rules: [],
};

/** The form's values as the API takes them: numbers as numbers. */
export function cleanModel(values: ScoringModel): ScoringModel {
  return {
    halfLifeDays: toNumber(values.halfLifeDays),
    gradeBands: {
      A: toNumber(values.gradeBands.A),
      B: toNumber(values.gradeBands.B),
      C: toNumber(values.gradeBands.C),
      D: toNumber(values.gradeBands.D),
    },
    mqlRule: { minGrade: values.mqlRule.minGrade, minScore: toNumber(values.mqlRule.minScore) },
    handRaiser: { forms: values.handRaiser.forms, events: values.handRaiser.events },
    disqualify: values.disqualify,
    criteria: values.criteria,
    rules: values.rules,
  };
}

/** Server errors as the form's errors, keyed by path (the form shows each beside its input). */
export function formErrors(errors: ModelError[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of errors)
    result[error.path] = result[error.path] ? `${result[error.path]}; ${error.message}` : error.message;
  return result;
}

/** The messages at a row of a list (`criteria.2`) or under it, for the row to show. */
export function rowErrors(errors: Record<string, ReactNode>, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([path, message]) => {
      const rest = path.slice(prefix.length + 1);
      return rest ? `${rest}: ${String(message)}` : String(message);
    });
}

type ModelList = 'criteria' | 'rules' | 'disqualify';

/** Drops the errors of one list (its rows moved, so their indexes no longer point at the right row). */
export function clearListErrors(form: ModelForm, list: ModelList) {
  form.setErrors(Object.fromEntries(Object.entries(form.errors).filter(([path]) => !path.startsWith(`${list}.`))));
}

/**
 * One list of the model being edited: which row is open in its dialog (index null: a new one), and
 * saving or removing a row — a replaced or removed row drops the list's errors, whose indexes moved.
 */
export function useListEditor<Item>(form: ModelForm, list: ModelList) {
  const [editing, setEditing] = useState<{ index: number | null }>();
  const save = (index: number | null) => (item: Item) => {
    if (index === null) form.insertListItem(list, item as never);
    else {
      form.setFieldValue(`${list}.${index}`, item as never);
      clearListErrors(form, list);
    }
  };
  const remove = (index: number) => {
    form.removeListItem(list, index);
    clearListErrors(form, list);
  };
  return { editing, setEditing, save, remove };
}
