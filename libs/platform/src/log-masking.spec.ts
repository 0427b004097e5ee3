import pino from 'pino';
import { Writable } from 'node:stream';
import { maskPersonalData } from './log-masking';
import { pinoOptions } from './logging';

/** A real PESEL-valid number (checksum and date) and one that fails the checksum. */
const PESEL = '44051401359';
const NOT_PESEL = '44051401358';

function logLines(write: (logger: pino.Logger) => void): string {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out += chunk.toString();
      done();
    },
  });
  const logger = pino(pinoOptions('test', 'info'), sink);
  write(logger);
  return out;
}

describe('log masking by pattern', () => {
  it('masks a valid PESEL inside an error message, its stack and any text field', () => {
    const out = logLines((logger) => {
      logger.error({ err: new Error(`no account for PESEL ${PESEL}`) }, 'lookup failed');
      logger.warn({ detail: `Key (pesel)=(${PESEL}) already exists.` }, `duplicate ${PESEL}`);
    });
    expect(out).not.toContain(PESEL);
    expect(out).toContain('no account for PESEL [pesel]');
    expect(out).toContain('Key (pesel)=([pesel]) already exists.');
    // still one JSON object per line
    for (const line of out.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('leaves 11 digits that are no PESEL, and longer or shorter numbers, alone', () => {
    expect(maskPersonalData(`order ${NOT_PESEL}`)).toBe(`order ${NOT_PESEL}`);
    expect(maskPersonalData(`n=${PESEL}9`)).toBe(`n=${PESEL}9`);
    expect(maskPersonalData('took 12345 ms')).toBe('took 12345 ms');
  });

  it('masks a labelled 4-digit e-prescription code, not other 4-digit numbers', () => {
    expect(maskPersonalData('kod dostępu 1234 wysłany')).toBe('kod dostępu [code] wysłany');
    expect(maskPersonalData('Kod recepty: 0042')).toBe('Kod recepty: [code]');
    expect(maskPersonalData('{"accessCode":"9876","n":1}')).toBe('{"accessCode":"[code]","n":1}');
    expect(maskPersonalData('{"msg":"access code \\"4321\\" used"}')).toBe('{"msg":"access code \\"[code]\\" used"}');
    expect(maskPersonalData('PIN=1111')).toBe('PIN=[code]');
    expect(maskPersonalData('year 2026, port 4222, took 1500 ms')).toBe('year 2026, port 4222, took 1500 ms');
  });

  it('works on the logger’s lines end to end', () => {
    const out = logLines((logger) => logger.info(`prescription ready, kod dostępu 5150, patient ${PESEL}`));
    expect(JSON.parse(out).msg).toBe('prescription ready, kod dostępu [code], patient [pesel]');
  });
});
