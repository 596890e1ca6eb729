/**
 * The lead list and the contact timeline at scale: a workspace of 1,000,000 contacts and about
 * 20,000,000 activities (the demo generator, `baton demo --contacts 1000000`), on the local
 * PostgreSQL server. Requests go through the real HTTP app in process (routing, auth, validation,
 * serialisation). Baseline: the bare SQL of the simplest list page, run directly.
 *
 *   npm run bench -- leads [--contacts=1000000] [--activities=20] [--database-url=…] [--fresh]
 *
 * The data set is shared with the queue benchmark and kept between runs (bench/_leads-dataset.ts).
 */
import { buildApp } from '../src/core/http/app';
import { createApiKey } from '../src/modules/auth';
import { allModules } from '../src/modules/registry';
import { median, percentile, recordResult } from './_harness';
import { openLeadsDataset } from './_leads-dataset';

const { ctx, database, workspaceId } = await openLeadsDataset();
const app = await buildApp(ctx, { modules: allModules(ctx) });
await app.ready();
try {
  const { key } = await createApiKey(ctx, { workspaceId, kind: 'secret', role: 'sales_manager' });
  const headers = { authorization: `Bearer ${key}` };
  const { rows: counts } = await database.pool.query<{ contacts: number; activities: number }>(
    'select (select count(*) from contacts where workspace_id = $1)::int as contacts, (select count(*) from activities where workspace_id = $1)::int as activities',
    [workspaceId],
  );
  const { rows: owners } = await database.pool.query<{ id: string }>(
    "select id from users where workspace_id = $1 and role = 'sales_rep'",
    [workspaceId],
  );
  const { rows: sample } = await database.pool.query<{ id: string; last_name: string; company_id: string }>(
    'select id, last_name, company_id from contacts where workspace_id = $1 and company_id is not null order by random() limit 200',
    [workspaceId],
  );

  const time = async (url: string) => {
    const started = performance.now();
    const response = await app.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return { ms: performance.now() - started, body: response.json() as { nextCursor?: string | null } };
  };

  // A mix of what people do with a lead list: filters, sorts, search, a company's people.
  const listUrls = [
    '/api/contacts?limit=50',
    '/api/contacts?limit=50&stage=mql',
    '/api/contacts?limit=50&stage=mql,sal&sort=score_desc',
    `/api/contacts?limit=50&owner=${owners[0]!.id}`,
    `/api/contacts?limit=50&owner=${owners[1]!.id}&stage=sal,sql,opportunity`,
    '/api/contacts?limit=50&grade=A,B&sort=score_desc',
    '/api/contacts?limit=50&source=paid_search&sort=created_desc',
    '/api/contacts?limit=50&owner=none&stage=lead',
    '/api/contacts?limit=50&sort=name_asc',
    `/api/contacts?limit=50&lastActivityAfter=${new Date(Date.now() - 7 * 86_400_000).toISOString()}`,
    '/api/contacts?limit=50&country=Germany&stage=lead,mql',
  ];
  for (const url of listUrls) await time(url); // warm up
  const list: number[] = [];
  for (let round = 0; round < 5; round += 1) for (const url of listUrls) list.push((await time(url)).ms);
  const search: number[] = [];
  for (const contact of sample.slice(0, 40))
    search.push((await time(`/api/contacts?limit=50&q=${encodeURIComponent(contact.last_name.slice(0, 5))}`)).ms);
  const byCompany: number[] = [];
  for (const contact of sample.slice(0, 40))
    byCompany.push((await time(`/api/contacts?limit=50&company=${contact.company_id}`)).ms);
  const deep: number[] = [];
  let cursor: string | null | undefined = null;
  for (let page = 0; page < 20; page += 1) {
    const result = await time(`/api/contacts?limit=50&sort=last_activity_desc${cursor ? `&cursor=${cursor}` : ''}`);
    deep.push(result.ms);
    cursor = result.body.nextCursor;
  }
  const timeline: number[] = [];
  for (const contact of sample) timeline.push((await time(`/api/contacts/${contact.id}/timeline?limit=50`)).ms);
  const count: number[] = [];
  for (const url of ['/api/contacts/count?stage=mql', '/api/contacts/count?grade=A']) count.push((await time(url)).ms);

  // Baseline: the simplest page as bare SQL on the same connection pool.
  const bare: number[] = [];
  for (let round = 0; round < 30; round += 1) {
    const started = performance.now();
    await database.pool.query(
      'select id, email, first_name, last_name, last_activity_at from contacts where workspace_id = $1 order by last_activity_at desc nulls last, id desc limit 51',
      [workspaceId],
    );
    bare.push(performance.now() - started);
  }
  const lists = [...list, ...search, ...byCompany, ...deep];
  recordResult({
    name: 'leads',
    description: `Lead list (11 filter/sort mixes × 5, 40 searches by name, 40 company lists, 20 cursor pages deep) and contact timelines (200 random contacts) on a workspace of ${counts[0]!.contacts.toLocaleString('en-US')} contacts and ${counts[0]!.activities.toLocaleString('en-US')} activities, through the HTTP app in process. Baseline: the bare SQL of the simplest list page. PostgreSQL 15 (local server).`,
    metrics: [
      {
        label: 'lead list p95 (all kinds)',
        value: percentile(lists, 95),
        unit: 'ms',
        baseline: { label: 'bare SQL page', value: percentile(bare, 95) },
        target: '≤ 200 ms',
        pass: percentile(lists, 95) <= 200,
      },
      {
        label: 'lead list p50',
        value: median(lists),
        unit: 'ms',
        baseline: { label: 'bare SQL page', value: median(bare) },
      },
      { label: 'filtered/sorted lists p95', value: percentile(list, 95), unit: 'ms' },
      { label: 'search by name p95', value: percentile(search, 95), unit: 'ms' },
      { label: 'company’s contacts p95', value: percentile(byCompany, 95), unit: 'ms' },
      { label: '20 pages deep p95', value: percentile(deep, 95), unit: 'ms' },
      {
        label: 'contact timeline p95',
        value: percentile(timeline, 95),
        unit: 'ms',
        target: '≤ 200 ms',
        pass: percentile(timeline, 95) <= 200,
      },
      { label: 'contact timeline p50', value: median(timeline), unit: 'ms' },
      { label: 'filtered count (max of 2)', value: Math.max(...count), unit: 'ms' },
    ],
    notes: [`Slowest list request: ${Math.round(Math.max(...lists))} ms.`],
  });
} finally {
  await app.close();
  await database.close();
}
