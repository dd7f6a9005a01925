import { describe, expect, it } from 'vitest';
import { mediaTypeOfName, sniffMediaType } from './files.store.ts';
import { backgroundFromRequests } from './dossier.service.ts';

describe('scan types', () => {
  it('reads the kind from the bytes, never from the name', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe('image/png');
    expect(sniffMediaType(Buffer.from('<!doctype html><html>'))).toBeNull();
    expect(sniffMediaType(Buffer.from('%PDF'))).toBeNull();
  });
  it('knows the names a scan may have', () => {
    expect(mediaTypeOfName('Đơn.PDF')).toBe('application/pdf');
    expect(mediaTypeOfName('anh.jpeg')).toBe('image/jpeg');
    expect(mediaTypeOfName('anh.png')).toBe('image/png');
    expect(mediaTypeOfName('trang.html')).toBeNull();
    expect(mediaTypeOfName('khong-duoi')).toBeNull();
  });
});

describe('background verification from requests', () => {
  it('is done on the last answer once every letter came back favourable', () => {
    expect(
      backgroundFromRequests([
        { receivedOn: '2026-10-01', result: 'favourable' },
        { receivedOn: '2026-11-02', result: 'favourable' },
      ]),
    ).toEqual({ checkedOn: '2026-11-02', pending: 0, unfavourable: 0 });
    expect(
      backgroundFromRequests([
        { receivedOn: '2026-10-01', result: 'favourable' },
        { receivedOn: null, result: null },
      ]),
    ).toEqual({ checkedOn: null, pending: 1, unfavourable: 0 });
    expect(backgroundFromRequests([{ receivedOn: '2026-10-01', result: 'unfavourable' }])).toEqual({
      checkedOn: null,
      pending: 0,
      unfavourable: 1,
    });
    expect(backgroundFromRequests([])).toEqual({ checkedOn: null, pending: 0, unfavourable: 0 });
  });
});
