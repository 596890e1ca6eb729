import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { localDiskStorage } from './asset-storage';
import { readDownloadToken, signDownloadToken, verifyDownloadToken } from './download-token';
import { sniffOfferFile } from './sniff-file';

const workspaceId = '0196b3c2-0000-7000-8000-000000000001';
const assetId = '0196b3c2-0000-7000-8000-000000000002';
const now = new Date('2026-06-01T12:00:00Z');
const inAnHour = now.getTime() / 1000 + 3600;

describe('download tokens', () => {
  const secret = 'a-secret-of-this-workspace';
  const token = signDownloadToken(secret, { workspaceId, assetId, anonymousId: 'visitor-1', expiresAt: inAnHour });

  it('grants the asset to whoever holds a valid token until it expires', () => {
    expect(verifyDownloadToken(secret, token, now)).toEqual({
      ok: true,
      grant: expect.objectContaining({ workspaceId, assetId, anonymousId: 'visitor-1', expiresAt: inAnHour }),
    });
    expect(verifyDownloadToken(secret, token, new Date((inAnHour - 1) * 1000)).ok).toBe(true);
    expect(verifyDownloadToken(secret, token, new Date(inAnHour * 1000))).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token signed with another secret, or whose grant or signature was changed', () => {
    expect(verifyDownloadToken('another-secret', token, now)).toEqual({ ok: false, reason: 'forged' });
    const [payload, signature] = token.split('.') as [string, string];
    const longer = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), e: inAnHour + 86_400 }),
    ).toString('base64url');
    expect(verifyDownloadToken(secret, `${longer}.${signature}`, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyDownloadToken(secret, `${payload}.${signature.slice(0, -2)}xx`, now)).toEqual({
      ok: false,
      reason: 'forged',
    });
    for (const garbage of ['', '.', 'abc', `${payload}`, `${payload}.${signature}.x`, '%%%.###']) {
      expect(verifyDownloadToken(secret, garbage, now)).toEqual({ ok: false, reason: 'forged' });
    }
  });

  it('reads who signed it before checking, to find the workspace’s secret', () => {
    expect(readDownloadToken(token)?.workspaceId).toBe(workspaceId);
    expect(readDownloadToken('not-a-token')).toBeUndefined();
  });
});

describe('offer file types', () => {
  const pdf = Buffer.from('%PDF-1.7\n');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  it('tells the type from the first bytes, whatever the name', () => {
    expect(sniffOfferFile(pdf, 'guide.pdf')).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(sniffOfferFile(png, 'chart.PNG')).toEqual({ ok: true, contentType: 'image/png' });
    expect(sniffOfferFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'photo.jpeg')).toMatchObject({
      contentType: 'image/jpeg',
    });
    expect(sniffOfferFile(Buffer.from('GIF89a'), 'a.gif')).toMatchObject({ contentType: 'image/gif' });
    expect(sniffOfferFile(Buffer.from('RIFF\0\0\0\0WEBP'), 'a.webp')).toMatchObject({ contentType: 'image/webp' });
    expect(sniffOfferFile(pdf, 'no-extension')).toMatchObject({ ok: true });
  });

  it('refuses other content, and a name that disagrees with the bytes', () => {
    expect(sniffOfferFile(Buffer.from('<html><script>'), 'guide.pdf')).toEqual({
      ok: false,
      message: 'Only PDF, PNG, JPEG, GIF and WebP files can be offers',
    });
    expect(sniffOfferFile(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'), 'logo.svg')).toMatchObject({
      ok: false,
    });
    expect(sniffOfferFile(png, 'report.pdf')).toEqual({
      ok: false,
      message: 'The file is image/png but its name ends in .pdf',
    });
  });
});

describe('local disk storage', () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('puts, gets and deletes files by key, leaving no partial file behind', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'baton-assets-'));
    const storage = localDiskStorage(root);
    const key = `${workspaceId}/${assetId}`;
    expect(await storage.put(key, Readable.from([Buffer.from('hello '), Buffer.from('offer')]))).toEqual({ bytes: 11 });
    expect(await text((await storage.get(key))!)).toBe('hello offer');
    expect(await readdir(path.join(root, workspaceId))).toEqual([assetId]);
    await storage.delete(key);
    expect(await storage.get(key)).toBeUndefined();
    await storage.delete(key); // deleting twice is fine
  });

  it('cleans up when the stream fails, and refuses keys it did not make', async () => {
    root ??= await mkdtemp(path.join(tmpdir(), 'baton-assets-'));
    const storage = localDiskStorage(root);
    const key = `${workspaceId}/${'0196b3c2-0000-7000-8000-000000000003'}`;
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection reset');
    expect(await readdir(path.join(root, workspaceId))).toEqual([]);
    await expect(storage.get('../../etc/passwd')).rejects.toThrow('Invalid storage key');
  });
});
