import type { PrescriptionView, RefundLevel } from '@pacjent/contracts';
import bwipjs from 'bwip-js';
import PDFDocument from 'pdfkit';

/** DejaVu Sans covers Polish (ą, ć, ę, ł, ń, ó, ś, ź, ż); PDF's standard fonts do not. */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const REFUND_LABELS: Record<RefundLevel, string> = {
  '100%': '100%',
  '50%': '50%',
  '30%': '30%',
  R: 'ryczałt',
  B: 'bezpłatny',
};

const STATUS_LABELS: Record<PrescriptionView['status'], string> = {
  active: 'aktywna',
  expired: 'wygasła',
  dispensed: 'zrealizowana',
};

/** 2026-03-03 → 03.03.2026, as Polish documents write dates. */
const polishDate = (date: string) => date.slice(0, 10).split('-').reverse().join('.');

/**
 * "Informacja o e-recepcie": the printout a patient takes to a pharmacy. The
 * access code is printed large and as a Code 128 barcode (made by bwip-js);
 * with the patient's PESEL it lets the pharmacist find the prescription.
 */
export async function renderPrescriptionPdf(prescription: PrescriptionView): Promise<Buffer> {
  const barcode = await bwipjs.toBuffer({
    bcid: 'code128',
    text: prescription.accessCode,
    scale: 3,
    height: 12,
    includetext: false,
  });
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: 'Informacja o e-recepcie', Creator: 'Pacjent' },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(20).text('Informacja o e-recepcie');
  doc.moveDown(0.5);
  doc.font('regular').fontSize(10).text('Kod dostępu (podaj w aptece razem z numerem PESEL):');
  doc.font('bold').fontSize(40).text(prescription.accessCode);
  doc.image(barcode, { height: 40 });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(10);
  doc.text(`Klucz recepty: ${prescription.key}`);
  doc.text(`Data wystawienia: ${polishDate(prescription.issuedAt)}`);
  doc.text(
    `Realizacja od: ${polishDate(prescription.validFrom)} do: ${polishDate(prescription.validUntil)} (${prescription.validDays} dni)`,
  );
  doc.text(`Status: ${STATUS_LABELS[prescription.status]}`);
  doc.moveDown();
  doc.font('bold').fontSize(12).text('Przepisane leki');
  doc.moveDown(0.3);
  prescription.items.forEach((item, index) => {
    const { medicine } = item;
    doc
      .font('bold')
      .fontSize(11)
      .text(`${index + 1}. ${medicine.name} ${medicine.strength}`);
    doc.font('regular').fontSize(10);
    doc.text(`${medicine.form}, ${medicine.packSize} szt. w opakowaniu; substancja czynna: ${medicine.substance}`);
    doc.text(`Ilość: ${item.quantity} op.   Odpłatność: ${REFUND_LABELS[item.refundLevel]}`);
    doc.text(`Dawkowanie: ${item.dosage}`);
    if (item.noSubstitution) doc.text('Nie zamieniać');
    doc.moveDown(0.5);
  });
  doc.moveDown();
  doc
    .fontSize(8)
    .fillColor('#555555')
    .text(
      'Dokument informacyjny. Receptę realizuje apteka na podstawie kodu dostępu i numeru PESEL lub klucza recepty.',
    );
  doc.end();
  return done;
}
