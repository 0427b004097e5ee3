import { cleanDisplayName } from './display-name';

describe('cleanDisplayName', () => {
  it('keeps an ordinary Polish name as it is', () => {
    expect(cleanDisplayName('Wynik badania krwi – żółć.pdf')).toBe('Wynik badania krwi – żółć.pdf');
  });

  it('drops directory parts of both kinds of slash', () => {
    expect(cleanDisplayName('../../etc/passwd')).toBe('passwd');
    expect(cleanDisplayName('C:\\Users\\jan\\skan.png')).toBe('skan.png');
  });

  it('removes control and direction-override characters and collapses whitespace', () => {
    expect(cleanDisplayName('wynik\u0000\n\t  ważny.pdf')).toBe('wynik ważny.pdf');
    expect(cleanDisplayName('zdjecie\u202egnp.exe')).toBe('zdjeciegnp.exe');
  });

  it('falls back to a neutral name when nothing is left', () => {
    expect(cleanDisplayName('..')).toBe('plik');
    expect(cleanDisplayName('dir/')).toBe('plik');
    expect(cleanDisplayName('\u0001\u0002')).toBe('plik');
  });

  it('shortens very long names but keeps the extension', () => {
    const name = cleanDisplayName(`${'a'.repeat(500)}.jpeg`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.jpeg')).toBe(true);
  });
});
