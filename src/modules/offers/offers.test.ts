import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestWorkspace } from '../../../test/helpers/factories';
import { useTestApp } from '../../../test/helpers/test-app';
import { fixedClock } from '../../core/clock';
import { createForm, demoForm } from '../forms/forms-test-kit';
import { createDownloadLink } from './download-links';

const dataDir = await mkdtemp(path.join(tmpdir(), 'baton-offers-'));
const clock = fixedClock(new Date('2026-06-01T12:00:00Z'));
describe('content offers', () => {
  const testApp = useTestApp({ clock, env: { BATON_DATA_DIR: dataDir } });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 'x'), Buffer.from('\n%%EOF\n')]);

  function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
    const boundary = 'b0undary';
    const parts = Object.entries(fields).map(
      ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    );
    const chunks: Buffer[] = [Buffer.from(parts.join(''))];
    if (file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        file.content,
        Buffer.from('\r\n'),
      );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  async function setup() {
    const { app, ctx } = testApp();
    const { workspace, admin } = await createTestWorkspace(ctx, app);
    const upload = async (fields: Record<string, string>, file?: { name: string; content: Buffer }) => {
      const body = multipart(fields, file);
      return app.inject({
        method: 'POST',
        url: '/api/offers',
        headers: { cookie: admin.cookie, ...body.headers },
        payload: body.payload,
      });
    };
    return { app, ctx, workspace, admin, upload };
  }

  it('stores an uploaded PDF with its title and kind, told a PDF by its bytes', async () => {
    const { app, admin, upload } = await setup();
    const response = await upload(
      { title: '<b>10 Tips</b> for widgets', kind: 'white paper', description: 'Short & sweet' },
      { name: 'tips.pdf', content: pdf },
    );
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      title: '<b>10 Tips</b> for widgets',
      kind: 'white paper',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      fileName: 'tips.pdf',
      gateFormId: null,
      downloads: 0,
    });
    const list = await app.inject({ url: '/api/offers', headers: { cookie: admin.cookie } });
    expect(list.json().items.map((item: { title: string }) => item.title)).toEqual(['<b>10 Tips</b> for widgets']);
  });

  it('refuses files that are not what they claim, empty files and missing fields, saying which and why', async () => {
    const { upload } = await setup();
    const html = await upload(
      { title: 'Fake', kind: 'e-book' },
      { name: 'fake.pdf', content: Buffer.from('<html><script>alert(1)</script>') },
    );
    expect(html.statusCode).toBe(415);
    expect(html.json().error.message).toBe('file: Only PDF, PNG, JPEG, GIF and WebP files can be offers');
    const renamed = await upload(
      { title: 'Png', kind: 'infographic' },
      { name: 'chart.pdf', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]) },
    );
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json().error.message).toMatch(/image\/png but its name ends in \.pdf/);
    const empty = await upload({ title: 'Empty', kind: 'e-book' }, { name: 'e.pdf', content: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    const noKind = await upload({ title: 'No kind', kind: 'novel' }, { name: 'n.pdf', content: pdf });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().error.details[0].path).toBe('body.kind');
    const noFile = await upload({ title: 'No file', kind: 'e-book' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.details[0].path).toBe('body.file');
  });

  it('downloads through a signed link that expires; a forged or expired link gets a readable page', async () => {
    const { app, ctx, workspace, admin, upload } = await setup();
    const asset = (
      await upload({ title: 'Widget ROI calculator', kind: 'e-book' }, { name: 'roi.pdf', content: pdf })
    ).json();
    const link = await createDownloadLink(ctx, {
      workspaceId: workspace.id,
      assetId: asset.id,
      anonymousId: 'anon-42',
      ttlSeconds: 60,
    });
    expect(link).toMatch(/^\/d\/[\w-]+\.[\w-]+$/);

    const ok = await app.inject({ url: link });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(ok.headers['content-disposition']).toContain('filename="roi.pdf"');
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.rawPayload.equals(pdf)).toBe(true);

    const [payload, signature] = link.slice(3).split('.') as [string, string];
    const forged = await app.inject({
      url: `/d/${payload}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['content-type']).toContain('text/html');
    expect(forged.body).toContain('This link is not valid');
    expect((await app.inject({ url: '/d/garbage' })).statusCode).toBe(403);

    clock.advance(61_000);
    const expired = await app.inject({ url: link });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');

    // Only the valid download counted: an activity named by title and kind, and a conversion event.
    const { rows } = await ctx.pool.query(
      `select type, title, anonymous_id, contact_id, properties from activities where workspace_id = $1`,
      [workspace.id],
    );
    expect(rows).toEqual([
      {
        type: 'content_download',
        title: 'Widget ROI calculator',
        anonymous_id: 'anon-42',
        contact_id: null,
        properties: { assetId: asset.id, assetKind: 'e-book', fileName: 'roi.pdf' },
      },
    ]);
    const events = await ctx.pool.query(
      `select step, asset_id, anonymous_id from conversion_events where workspace_id = $1`,
      [workspace.id],
    );
    expect(events.rows).toEqual([{ step: 'download', asset_id: asset.id, anonymous_id: 'anon-42' }]);
    const listed = await app.inject({ url: `/api/offers/${asset.id}`, headers: { cookie: admin.cookie } });
    expect(listed.json().downloads).toBe(1);
  });

  it('never lets a link of one workspace open another workspace’s offer', async () => {
    const first = await setup();
    const second = await setup();
    const theirs = (await second.upload({ title: 'Theirs', kind: 'report' }, { name: 'r.pdf', content: pdf })).json();
    await expect(
      createDownloadLink(first.ctx, { workspaceId: first.workspace.id, assetId: theirs.id }),
    ).rejects.toThrow('Content offer not found');
    // A link of the first workspace, edited to name the second, fails its signature.
    const mine = (await first.upload({ title: 'Mine', kind: 'report' }, { name: 'm.pdf', content: pdf })).json();
    const link = await createDownloadLink(first.ctx, { workspaceId: first.workspace.id, assetId: mine.id });
    const [payload, signature] = link.slice(3).split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const edited = Buffer.from(JSON.stringify({ ...claims, w: second.workspace.id, a: theirs.id })).toString(
      'base64url',
    );
    expect((await first.app.inject({ url: `/d/${edited}.${signature}` })).statusCode).toBe(403);
    expect((await first.app.inject({ url: link })).statusCode).toBe(200);
  });

  it('records a download on the contact the link was made for, on their timeline', async () => {
    const { app, ctx, workspace, admin, upload } = await setup();
    const contact = await app.inject({
      method: 'POST',
      url: '/api/contacts',
      headers: { cookie: admin.cookie },
      payload: { email: 'ada@widgets.example', firstName: 'Ada' },
    });
    expect(contact.statusCode).toBe(201);
    const asset = (await upload({ title: 'Buyer guide', kind: 'guide' }, { name: 'g.pdf', content: pdf })).json();
    const link = await createDownloadLink(ctx, {
      workspaceId: workspace.id,
      assetId: asset.id,
      contactId: contact.json().id,
    });
    expect((await app.inject({ url: link })).statusCode).toBe(200);
    const { rows } = await ctx.pool.query(
      `select contact_id, title, properties->>'assetKind' as kind from activities where workspace_id = $1 and type = 'content_download'`,
      [workspace.id],
    );
    expect(rows).toEqual([{ contact_id: contact.json().id, title: 'Buyer guide', kind: 'guide' }]);
    const timeline = await app.inject({
      url: `/api/contacts/${contact.json().id}/timeline`,
      headers: { cookie: admin.cookie },
    });
    expect(timeline.body).toContain('Buyer guide');
  });

  it('serves an image offer inline as a page’s preview image without counting a download', async () => {
    const { app, ctx, workspace, upload } = await setup();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const image = (await upload({ title: 'Cover', kind: 'infographic' }, { name: 'cover.png', content: png })).json();
    const link = await createDownloadLink(ctx, { workspaceId: workspace.id, assetId: image.id, inline: true });
    const shown = await app.inject({ url: link });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toBeUndefined();
    const { rows } = await ctx.pool.query('select count(*)::int as n from activities where workspace_id = $1', [
      workspace.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('a deleted offer’s links answer 410, and editing checks its fields', async () => {
    const { app, ctx, workspace, admin, upload } = await setup();
    const asset = (await upload({ title: 'Old', kind: 'checklist' }, { name: 'o.pdf', content: pdf })).json();
    const link = await createDownloadLink(ctx, { workspaceId: workspace.id, assetId: asset.id });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/offers/${asset.id}`,
      headers: { cookie: admin.cookie },
      payload: { title: 'Renamed', kind: 'template' },
    });
    expect(patched.json()).toMatchObject({ title: 'Renamed', kind: 'template', description: '' });
    const unknown = await app.inject({
      method: 'PATCH',
      url: `/api/offers/${asset.id}`,
      headers: { cookie: admin.cookie },
      payload: { gateFormId: '0196b3c2-0000-7000-8000-00000000f0a1' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('gateFormId: no such form');
    const gateFormId = (await createForm(app, admin.cookie, demoForm())).id;
    await app.inject({
      method: 'PATCH',
      url: `/api/offers/${asset.id}`,
      headers: { cookie: admin.cookie },
      payload: { description: 'Kept', gateFormId },
    });
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/offers/${asset.id}`,
      headers: { cookie: admin.cookie },
      payload: { title: 'Again' },
    });
    // Fields left out stay as they were.
    expect(renamed.json()).toMatchObject({ title: 'Again', description: 'Kept', gateFormId });
    const bad = await app.inject({
      method: 'PATCH',
      url: `/api/offers/${asset.id}`,
      headers: { cookie: admin.cookie },
      payload: { title: '' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/offers/${asset.id}`, headers: { cookie: admin.cookie } }))
        .statusCode,
    ).toBe(204);
    const gone = await app.inject({ url: link });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('no longer available');
  });
});
