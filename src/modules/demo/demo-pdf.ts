/**
 * A one-page PDF with a title and a few lines (Helvetica, WinAnsi text): enough for the demo's
 * content offer to open in any viewer. The cross-reference table needs each object's byte offset,
 * so the file is assembled as ASCII and measured as it grows.
 */
export function demoPdf(title: string, lines: string[]): Buffer {
  // PDF string literals: escape the delimiters; typographic quotes become plain ones (WinAnsi-safe ASCII).
  const literal = (text: string) =>
    `(${text
      .replace(/[‘’]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/[^\x20-\x7e]/g, '?')
      .replace(/[\\()]/g, (char) => `\\${char}`)})`;
  const content = [
    'BT /F1 22 Tf 72 760 Td',
    `${literal(title)} Tj`,
    'ET',
    ...lines.map((line, index) => `BT /F1 12 Tf 72 ${720 - index * 20} Td ${literal(line)} Tj ET`),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
