import { MAX_LAB_PDF_BYTES } from '@pacjent/contracts';
import { validationFailed } from '@pacjent/platform';

/** The PDF a lab attached to its report, taken out of the bundle. */
export interface PresentedPdf {
  bytes: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PDF_MAGIC = Buffer.from('%PDF-');

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Finds the DiagnosticReport's `presentedForm` attachment with
 * `contentType: application/pdf` and inline `data`, removes the bytes from the
 * bundle (they go to storage, never over the bus) and answers them. The
 * attachment keeps its other fields, with its `size`. Anything that is not a
 * well-formed PDF in base64 is the lab's mistake: 400. Other attachments are
 * left for the FHIR validator and ignored.
 */
export function takePresentedPdf(bundle: unknown): PresentedPdf | null {
  if (!isObject(bundle) || !Array.isArray(bundle.entry)) return null;
  for (const entry of bundle.entry) {
    const resource = isObject(entry) ? entry.resource : undefined;
    if (!isObject(resource) || resource.resourceType !== 'DiagnosticReport') continue;
    if (!Array.isArray(resource.presentedForm)) continue;
    const pdfs = resource.presentedForm.filter(
      (form): form is Json => isObject(form) && form.contentType === 'application/pdf' && typeof form.data === 'string',
    );
    if (pdfs.length === 0) continue;
    if (pdfs.length > 1) throw invalid('send at most one PDF per report');
    const form = pdfs[0]!;
    const data = (form.data as string).replace(/\s+/g, '');
    if (!BASE64.test(data) || data.length % 4 !== 0) throw invalid('the PDF must be base64');
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_LAB_PDF_BYTES) {
      throw invalid(`the PDF must be 1 to ${MAX_LAB_PDF_BYTES} bytes`);
    }
    if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) throw invalid('the attachment is not a PDF');
    delete form.data;
    form.size = bytes.length;
    return { bytes };
  }
  return null;
}

const invalid = (message: string) =>
  validationFailed([{ field: 'DiagnosticReport.presentedForm', messages: [message] }]);
