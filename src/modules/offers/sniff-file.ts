/** The file types an offer may be, told by their first bytes (never by the name alone). */
export const offerFileTypes = {
  'application/pdf': { extensions: ['pdf'], magic: (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/png': {
    extensions: ['png'],
    magic: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: (b: Buffer) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/gif': { extensions: ['gif'], magic: (b: Buffer) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  'image/webp': {
    extensions: ['webp'],
    magic: (b: Buffer) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
} as const;

export type OfferFileType = keyof typeof offerFileTypes;
export const MAGIC_BYTES = 12;

/** The type the bytes are, or why the file is refused (a mismatch with its name's extension too). */
export function sniffOfferFile(
  head: Buffer,
  fileName: string,
): { ok: true; contentType: OfferFileType } | { ok: false; message: string } {
  const type = (Object.keys(offerFileTypes) as OfferFileType[]).find((candidate) =>
    offerFileTypes[candidate].magic(head),
  );
  if (!type) return { ok: false, message: 'Only PDF, PNG, JPEG, GIF and WebP files can be offers' };
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const expected: readonly string[] = offerFileTypes[type].extensions;
  if (extension && !expected.includes(extension)) {
    return { ok: false, message: `The file is ${type} but its name ends in .${extension}` };
  }
  return { ok: true, contentType: type };
}
