// Reading bundles refuses what could write outside the repository or exhaust the machine.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from './bundle-zip.ts';

const zip = (entries: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)])));

describe('bundle ZIPs', () => {
  it('reads the files below the one root folder, and writes them back the same way', () => {
    const bundle = readBundle(
      zip({ 'export/metadata.yaml': 'type: Dashboard\n', 'export/charts/a_1.yaml': 'x: 1\n' }),
    );
    expect(bundle.root).toBe('export');
    expect([...bundle.files.keys()]).toEqual(['charts/a_1.yaml', 'metadata.yaml']);
    const again = readBundle(writeBundle(bundle.files, 'other_root'));
    expect(again).toEqual({ root: 'other_root', files: bundle.files });
    // Same files, same bytes: a rebuilt bundle does not change with the clock.
    expect(writeBundle(bundle.files, 'r')).toEqual(writeBundle(bundle.files, 'r'));
  });

  it.each([
    ['a path leaving the bundle', { 'export/metadata.yaml': '', 'export/../../etc/x.yaml': '' }, /leaves it/],
    ['an absolute path', { '/etc/passwd': '', 'export/metadata.yaml': '' }, /absolute/],
    ['two root folders', { 'a/metadata.yaml': '', 'b/metadata.yaml': '' }, /one root folder/],
    ['no metadata.yaml', { 'a/charts/x.yaml': '' }, /metadata\.yaml/],
    ['a .git folder', { 'export/metadata.yaml': '', 'export/.git/config': '[core]\n' }, /\.git entry/],
    ['a nested .GIT folder', { 'export/metadata.yaml': '', 'export/charts/.GIT/hooks/x': '' }, /\.git entry/],
  ])('refuses %s', (_name, entries, message) => {
    expect(() => readBundle(zip(entries))).toThrow(message);
  });

  it('refuses a ZIP bomb and too many files before unpacking them', () => {
    const bomb = zipSync({
      'export/metadata.yaml': strToU8(''),
      'export/big.yaml': new Uint8Array(50 * 1024 * 1024),
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => readBundle(bomb, { maxFiles: 100, maxTotalBytes: 10 * 1024 * 1024 })).toThrow(
      /more than 10 MB/,
    );
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`export/f${index}.yaml`, '']));
    expect(() =>
      readBundle(zip({ ...many, 'export/metadata.yaml': '' }), { maxFiles: 10, maxTotalBytes: 1e9 }),
    ).toThrow(/more than 10 files/);
  });

  it('refuses a symbolic link entry, as a Unix zip tool stores one, before unpacking anything', () => {
    const link = zipSync({
      'export/metadata.yaml': strToU8(''),
      // Mode 120777 (a link) in the high bits of the external attributes; the content is the link's target.
      'export/charts/x.yaml': [strToU8('/etc/passwd'), { os: 3, attrs: 0o120777 << 16 }],
    });
    expect(() => readBundle(link)).toThrow(/symbolic link: export\/charts\/x\.yaml/);
    const plain = zipSync({
      'export/metadata.yaml': strToU8(''),
      'export/charts/x.yaml': [strToU8('a: 1\n'), { os: 3, attrs: 0o100644 << 16 }],
    });
    expect(readBundle(plain).files.get('charts/x.yaml')).toBe('a: 1\n');
  });

  it('refuses binary junk in place of YAML, naming the file', () => {
    const junk = (bytes: number[]) =>
      zipSync({ 'export/metadata.yaml': strToU8(''), 'export/charts/x.yaml': new Uint8Array(bytes) });
    expect(() => readBundle(junk([0xff, 0xfe, 0x00, 0x81]))).toThrow(
      /not UTF-8 text: export\/charts\/x\.yaml/,
    );
    expect(() => readBundle(junk([0x61, 0x00, 0x62]))).toThrow(/not text: export\/charts\/x\.yaml/);
  });

  it('refuses something that is not a ZIP', () => {
    expect(() => readBundle(strToU8('<html>not a zip</html>'))).toThrow(/not a readable ZIP/);
  });
});
