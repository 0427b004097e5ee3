import { sniffContentType } from './content-type';

describe('sniffContentType', () => {
  it('recognises JPEG, PNG and PDF by their bytes', async () => {
    await expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).resolves.toBe('image/jpeg');
    await expect(sniffContentType(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))).resolves.toBe('image/png');
    await expect(sniffContentType(Buffer.from('%PDF-1.7\n'))).resolves.toBe('application/pdf');
  });

  it('refuses everything else: other formats (GIF, ZIP), text that names a format, truncated signatures', async () => {
    await expect(sniffContentType(Buffer.from('hello, I am a .jpg'))).resolves.toBeNull();
    await expect(sniffContentType(Buffer.from(' %PDF-1.7'))).resolves.toBeNull();
    await expect(sniffContentType(Buffer.from('89504e47', 'hex'))).resolves.toBeNull();
    await expect(sniffContentType(Buffer.from('GIF89a\x01\x00\x01\x00'))).resolves.toBeNull();
    await expect(sniffContentType(Buffer.from('PK\x03\x04'))).resolves.toBeNull();
    await expect(sniffContentType(Buffer.alloc(0))).resolves.toBeNull();
  });
});
