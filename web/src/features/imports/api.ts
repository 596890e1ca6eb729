import { ApiError } from '../../api/client';

export type ImportKind = 'contacts' | 'companies' | 'deals' | 'sales_activities' | 'campaign_costs';
export type ImportStatus = 'uploaded' | 'validating' | 'validated' | 'queued' | 'running' | 'done' | 'failed';
export type ImportPhase = 'dry_run' | 'run';
export type PropertyType = 'text' | 'number' | 'date' | 'boolean' | 'single_select' | 'multi_select';

export type ColumnTarget =
  | { type: 'ignore' }
  | { type: 'field'; field: string }
  | { type: 'property'; key: string }
  | { type: 'new_property'; key: string; label: string; propertyType: PropertyType; options?: string[] };

export type ImportOptions = {
  createMissingOwners: boolean;
  createMissingCompanies: boolean;
  defaultStage: string;
  defaultCurrency: string;
  dateOrder: 'mdy' | 'dmy';
  decimalComma: boolean;
};

export type ImportColumn = {
  index: number;
  header: string;
  filled: number;
  distinct: number | null;
  values: string[] | null;
  samples: string[];
  inferredType: PropertyType;
};

export type ImportProgress = {
  phase: ImportPhase;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
};

export type ImportCounts = { processed: number; created: number; updated: number; unchanged: number; failed: number };

export type ImportView = ImportCounts & {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  fileName: string;
  fileBytes: number;
  encoding: string;
  delimiter: string;
  headers: string[];
  columns: ImportColumn[];
  totalRows: number;
  blankRows: number;
  mapping: { columns: ColumnTarget[] };
  options: ImportOptions;
  phase: ImportPhase | null;
  dryRun: (ImportCounts & { finishedAt: string }) | null;
  error: string | null;
  createdByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  sample: string[][];
  progress: ImportProgress | null;
  rowsPurged: boolean;
};

export type ImportSummary = Pick<
  ImportView,
  | 'id'
  | 'kind'
  | 'status'
  | 'fileName'
  | 'totalRows'
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'failed'
  | 'createdAt'
  | 'finishedAt'
  | 'createdByName'
  | 'progress'
>;

export type TargetField = { field: string; label: string; type: string; values?: string[]; description?: string };
export type ImportTargets = {
  kinds: { kind: ImportKind; propertyObject: 'contact' | 'company' | 'deal' | null; fields: TargetField[] }[];
  propertyTypes: PropertyType[];
  encodings: string[];
};

export type ImportError = {
  row: number;
  code: 'invalid' | 'duplicate' | 'conflict' | 'failed' | 'not_imported';
  column: string | null;
  field: string | null;
  value: string | null;
  reason: string;
};

export type PropertyDefinition = { id: string; key: string; label: string; type: PropertyType; options: string[] };

export const kindLabels: Record<ImportKind, string> = {
  contacts: 'Contacts',
  companies: 'Companies',
  deals: 'Deals',
  sales_activities: 'Sales activities',
  campaign_costs: 'Campaign costs',
};

export const kindHints: Record<ImportKind, string> = {
  contacts:
    'People, found by email (or external ID): new ones created, known ones updated. HubSpot and Salesforce exports map themselves.',
  companies: 'Accounts, found by external ID, domain or name.',
  deals: 'Opportunities, found by external ID; linked to their company and owner.',
  sales_activities: 'Calls, emails, meetings, notes and tasks about contacts, deals or companies.',
  campaign_costs: 'What each campaign cost in a period, online or offline.',
};

export const activeStatuses: ImportStatus[] = ['validating', 'queued', 'running'];

/** `Total Time Spent` → `total_time_spent`, as the server names new properties. */
export function propertyKeyOf(label: string): string {
  let key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(key)) key = `p_${key}`;
  return key.slice(0, 63).replace(/_+$/, '') || 'column';
}

/**
 * Uploads a file as multipart (kind first, then the file), reporting progress: XMLHttpRequest,
 * since fetch cannot tell how much of a 100 MB body has gone.
 */
export function uploadImport(
  input: { kind: ImportKind; file: File; encoding?: string },
  onProgress: (fraction: number) => void,
): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('kind', input.kind);
    if (input.encoding) form.append('encoding', input.encoding);
    form.append('file', input.file, input.file.name);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/imports');
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network', 'The upload failed: check the connection and try again'));
    request.onload = () => {
      let body:
        | { error?: { code?: string; message?: string; details?: { path?: string; message: string }[] } }
        | ImportView;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        reject(new ApiError(request.status, 'error', request.statusText || 'The upload failed'));
        return;
      }
      if (request.status === 201) resolve(body as ImportView);
      else {
        const error = (body as { error?: { code?: string; message?: string; details?: [] } }).error ?? {};
        reject(
          new ApiError(request.status, error.code ?? 'error', error.message ?? 'The upload failed', error.details),
        );
      }
    };
    request.send(form);
  });
}

export const formatBytes = (bytes: number) =>
  bytes >= 2 ** 20
    ? `${(bytes / 2 ** 20).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} B`;
