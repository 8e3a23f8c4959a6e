import { requestFingerprint } from '../src';

describe('the fingerprint an Idempotency-Key is bound to', () => {
  test('when two bodies differ only in key order, then they are the same request', () => {
    expect(requestFingerprint({ title: 'A', budget: { planned: 1, approved: 2 } })).toBe(requestFingerprint({ budget: { approved: 2, planned: 1 }, title: 'A' }));
  });

  test('when a value, a part or a file byte differs, then the fingerprint differs', () => {
    const base = requestFingerprint('values', { title: 'A' }, Buffer.from('file'));
    expect(requestFingerprint('values', { title: 'B' }, Buffer.from('file'))).not.toBe(base);
    expect(requestFingerprint('spaces', { title: 'A' }, Buffer.from('file'))).not.toBe(base);
    expect(requestFingerprint('values', { title: 'A' }, Buffer.from('filf'))).not.toBe(base);
    expect(requestFingerprint('values', { title: 'A' }, Buffer.from('file'))).toBe(base);
  });
});
