import { execFile } from 'node:child_process';

/** What a PDF shows, as pdf-parse (pdf.js) reads it. */
export interface PdfContents {
  text: string;
  /** Images on each page. */
  imagesPerPage: number[];
}

// pdf.js loads its worker with a dynamic import, which Jest's CommonJS runtime refuses; a plain Node process reads it.
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const { text } = await parser.getText();
    const { pages } = await parser.getImage();
    process.stdout.write(JSON.stringify({ text, imagesPerPage: pages.map((page) => page.images.length) }));
  } finally {
    await parser.destroy();
  }
});`;

/** Extracts the text (and counts the images) of a PDF with pdf-parse, in a child Node process. */
export function readPdf(bytes: Buffer): Promise<PdfContents> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', SCRIPT],
      { cwd: process.cwd(), maxBuffer: 16 * 1024 * 1024, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdf-parse failed: ${error.message} ${stderr}`));
        else resolve(JSON.parse(stdout) as PdfContents);
      },
    );
    child.stdin!.end(bytes);
  });
}
