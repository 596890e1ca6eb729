import {
  type Channel,
  channelLabels,
  grades,
  type Stage,
  stageLabels,
  type WorkingStatus,
  workingStatusLabels,
} from '../../api/types';

/** Every filter the contacts API takes, by its query-string name: a list's URL is its view. */
const filterKeys = [
  'q',
  'stage',
  'status',
  'owner',
  'team',
  'grade',
  'scoreMin',
  'scoreMax',
  'persona',
  'source',
  'company',
  'country',
  'lastActivityAfter',
  'lastActivityBefore',
  'createdAfter',
  'createdBefore',
  'property',
  'sort',
] as const;
export type FilterKey = (typeof filterKeys)[number];

export const defaultSort = 'last_activity_desc';

export const sortOptions = [
  { value: 'last_activity_desc', label: 'Last activity, newest first' },
  { value: 'last_activity_asc', label: 'Last activity, oldest first' },
  { value: 'created_desc', label: 'Created, newest first' },
  { value: 'created_asc', label: 'Created, oldest first' },
  { value: 'score_desc', label: 'Score, highest first' },
  { value: 'score_asc', label: 'Score, lowest first' },
  { value: 'name_asc', label: 'Name, A to Z' },
  { value: 'name_desc', label: 'Name, Z to A' },
];

/**
 * The list's filters and sort from the URL: only the keys the API knows, never an empty value, and
 * no default sort, so equal lists have equal queries (a saved view matches the URL it came from).
 */
export function listQuery(params: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params.get(key)?.trim();
    if (value && !(key === 'sort' && value === defaultSort)) query[key] = value;
  }
  return query;
}

export function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const normal = (query: Record<string, string>) =>
    JSON.stringify(
      Object.entries(query)
        .filter(([key, value]) => value && !(key === 'sort' && value === defaultSort))
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return normal(a) === normal(b);
}

/** A comma-separated filter as its values. */
export const splitList = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);

/** The filters beyond search, stage and owner: counted on the "More filters" button. */
export const moreFilterKeys: FilterKey[] = [
  'status',
  'grade',
  'source',
  'lastActivityAfter',
  'lastActivityBefore',
  'property',
  'team',
  'scoreMin',
  'scoreMax',
  'persona',
  'company',
  'country',
  'createdAfter',
  'createdBefore',
];

export const stageOptions = (Object.keys(stageLabels) as Stage[]).map((stage) => ({
  value: stage,
  label: stageLabels[stage],
}));
export const statusOptions = (Object.keys(workingStatusLabels) as WorkingStatus[]).map((status) => ({
  value: status,
  label: workingStatusLabels[status],
}));
export const sourceOptions = (Object.keys(channelLabels) as Channel[]).map((channel) => ({
  value: channel,
  label: channelLabels[channel],
}));
export const gradeOptions = grades.map((grade) => ({ value: grade, label: `Grade ${grade}` }));
