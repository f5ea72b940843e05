// Reads and writes Superset export/import ZIPs: one root folder holding metadata.yaml. Reading refuses paths
// that leave the bundle, symbolic links and ZIP bombs before anything is unpacked, and files that are not text.
import { strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { BundleError } from './bundle-error.ts';
import { symlinkEntries } from './zip-symlinks.ts';

export interface BundleLimits {
  maxFiles: number;
  maxTotalBytes: number;
}

const DEFAULT_LIMITS: BundleLimits = { maxFiles: 5_000, maxTotalBytes: 100 * 1024 * 1024 };

/** Bundle files by their path below the root folder, e.g. `charts/Revenue_4.yaml`. */
export type BundleFiles = Map<string, string>;

function assertSafePath(name: string): void {
  if (name.includes('\0') || name.includes('\\'))
    throw new BundleError(`The bundle holds an unusable file name: ${JSON.stringify(name)}.`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    throw new BundleError(`The bundle holds an absolute path: ${name}.`);
  if (name.split('/').includes('..'))
    throw new BundleError(`The bundle holds a path that leaves it: ${name}.`);
  // A repository's own folder has no place in a dashboard export (it would carry config and hooks).
  if (name.split('/').some((part) => part.toLowerCase() === '.git'))
    throw new BundleError(`The bundle holds a .git entry: ${name}.`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A bundle holds YAML: binary junk is refused by name rather than turned into replacement characters. */
function textOf(name: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new BundleError(`The bundle holds a file that is not UTF-8 text: ${name}.`);
  }
  if (text.includes('\0')) throw new BundleError(`The bundle holds a file that is not text: ${name}.`);
  return text;
}

export function readBundle(
  zip: Uint8Array,
  limits: BundleLimits = DEFAULT_LIMITS,
): { root: string; files: BundleFiles } {
  let count = 0;
  let total = 0;
  let unzipped: Unzipped;
  const [link] = symlinkEntries(zip);
  if (link) throw new BundleError(`The bundle holds a symbolic link: ${link}.`);
  try {
    unzipped = unzipSync(zip, {
      // Checked from the ZIP's directory before inflating: a bomb is refused, not unpacked.
      filter: (file) => {
        assertSafePath(file.name);
        count += 1;
        total += file.originalSize;
        if (count > limits.maxFiles)
          throw new BundleError(`The bundle holds more than ${limits.maxFiles} files.`);
        if (total > limits.maxTotalBytes) {
          throw new BundleError(
            `The bundle unpacks to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB.`,
          );
        }
        return !file.name.endsWith('/');
      },
    });
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`This is not a readable ZIP file: ${(error as Error).message}.`);
  }
  const names = Object.keys(unzipped);
  const roots = new Set(names.map((name) => name.split('/')[0]!));
  const root = [...roots][0];
  if (roots.size !== 1 || !root || !names.includes(`${root}/metadata.yaml`)) {
    throw new BundleError('A Superset bundle has exactly one root folder with a metadata.yaml in it.');
  }
  // Sizes in the directory can lie; count what was really unpacked too.
  const real = names.reduce((sum, name) => sum + unzipped[name]!.length, 0);
  if (real > limits.maxTotalBytes)
    throw new BundleError(
      `The bundle unpacks to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB.`,
    );
  const files: BundleFiles = new Map();
  for (const name of names.sort()) files.set(name.slice(root.length + 1), textOf(name, unzipped[name]!));
  return { root, files };
}

export function writeBundle(files: BundleFiles, root: string): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, text] of files) {
    assertSafePath(name);
    entries[`${root}/${name}`] = strToU8(text);
  }
  // A fixed modification time keeps the same bundle byte for byte the same.
  return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}
