// pdf-parse's own index runs a self-test when loaded without a parent module; its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string; numpages: number }>;

/** The text of a PDF (for tests: what a reader of the file would see), with its page count. */
export async function pdfText(pdf: Buffer): Promise<{ text: string; pages: number }> {
  const { text, numpages } = await pdfParse(pdf);
  return { text, pages: numpages };
}

/** Fetches a PDF as a user would download it: status, content type and the bytes. */
export async function fetchPdf(url: string, token: string): Promise<{ status: number; contentType: string | null; pdf: Buffer }> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, contentType: response.headers.get('content-type'), pdf: Buffer.from(await response.arrayBuffer()) };
}
