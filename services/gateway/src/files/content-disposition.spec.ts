import { attachmentDisposition } from './content-disposition';

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('wynik żółć (1).pdf')).toBe(
      `attachment; filename="wynik ____ (1).pdf"; filename*=UTF-8''wynik%20%C5%BC%C3%B3%C5%82%C4%87%20%281%29.pdf`,
    );
  });

  it('cannot be broken out of with quotes or backslashes', () => {
    expect(attachmentDisposition('a"; filename=evil.exe')).toMatch(/^attachment; filename="a_; filename=evil.exe"; /);
  });
});
