// Symbolic links inside a ZIP: the unzip library hands them over as small files holding the link's target and
// does not say what they were, so the ZIP's central directory is read for each entry's Unix file type.
const CENTRAL_ENTRY = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Names of the entries a Unix zip tool stored as symbolic links. */
export function symlinkEntries(zip: Uint8Array): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-directory record sits in the last 22 bytes plus a comment of at most 64 KB.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return [];
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const links: string[] = [];
  for (let index = 0; index < entries && at + 46 <= zip.length; index += 1) {
    if (view.getUint32(at, true) !== CENTRAL_ENTRY) break;
    const madeOn = view.getUint8(at + 5);
    const mode = view.getUint32(at + 38, true) >>> 16;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (madeOn === UNIX && (mode & S_IFMT) === S_IFLNK)
      links.push(new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return links;
}
