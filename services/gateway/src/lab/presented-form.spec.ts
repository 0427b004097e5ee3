import { ErrorCode, MAX_LAB_PDF_BYTES } from '@pacjent/contracts';
import { takePresentedPdf } from './presented-form';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const bundleWith = (presentedForm: unknown[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'DiagnosticReport', status: 'final', presentedForm } }],
});

describe('takePresentedPdf', () => {
  it('takes the PDF out of the report, leaving its other fields and its size', () => {
    const bundle = bundleWith([{ contentType: 'application/pdf', title: 'Wynik', data: PDF.toString('base64') }]);
    const pdf = takePresentedPdf(bundle);
    expect(pdf?.bytes.equals(PDF)).toBe(true);
    expect(bundle.entry[0]!.resource.presentedForm).toEqual([
      { contentType: 'application/pdf', title: 'Wynik', size: PDF.length },
    ]);
  });

  it('answers null without a PDF', () => {
    expect(takePresentedPdf(bundleWith([{ contentType: 'text/plain', data: 'YQ==' }]))).toBeNull();
    expect(takePresentedPdf({ resourceType: 'Bundle' })).toBeNull();
    expect(takePresentedPdf('x')).toBeNull();
  });

  it.each([
    ['not base64', '%%%'],
    ['not a PDF', Buffer.from('<html></html>').toString('base64')],
    ['too large', Buffer.concat([PDF, Buffer.alloc(MAX_LAB_PDF_BYTES)]).toString('base64')],
  ])('refuses an attachment that is %s', (_, data) => {
    expect(() => takePresentedPdf(bundleWith([{ contentType: 'application/pdf', data }]))).toThrow(
      expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED }),
    );
  });
});
