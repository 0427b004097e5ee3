import { sniffContentType } from './content-type';

describe('sniffContentType', () => {
  it('recognises JPEG, PNG and PDF by their signatures', () => {
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('89504e470d0a1a0a0000', 'hex'))).toBe('image/png');
    expect(sniffContentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses everything else, including text that merely mentions a format and truncated signatures', () => {
    expect(sniffContentType(Buffer.from('hello, I am a .jpg'))).toBeNull();
    expect(sniffContentType(Buffer.from(' %PDF-1.7'))).toBeNull();
    expect(sniffContentType(Buffer.from('89504e47', 'hex'))).toBeNull();
    expect(sniffContentType(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });
});
