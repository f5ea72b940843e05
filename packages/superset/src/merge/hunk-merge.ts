// The quick way through the commonest conflict git's line merge leaves in a file a sync wrote: two people changed
// neighbouring fields of one mapping (`cache_timeout` and `certification_details`, one line each). Given git's
// own merge with diff3 markers, each conflict region whose lines are all `key: scalar` siblings of one mapping,
// the same keys in the same order on all three sides, is merged key by key, and the rest of git's merge is kept:
// no YAML is parsed. Anything else (a list item, a block, a field changed two ways, a line that could belong to
// a multi-line value) answers null and the file takes the whole structural merge (yaml-merge.ts).

const MARKER = /^(<{7}|\|{7}|={7}|>{7})( |$)/;
/** `key: value` on one line, with a plain key and a value that cannot go on to the next line. */
const FIELD = /^( *)([A-Za-z_][A-Za-z0-9_.-]*): (.+)$/;
/** A line that opens a nested mapping: `key:` or a list item `- key: …`. */
const OPENS_MAPPING = /^( *)(?:[A-Za-z_][A-Za-z0-9_.-]*:|- [A-Za-z_][A-Za-z0-9_.-]*: .+)$/;

interface Field {
  indent: number;
  key: string;
  line: string;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** A value complete on its line: no block scalar, anchor, alias, tag or non-empty flow, and quotes closed. */
function completeValue(value: string): boolean {
  if (value === '[]' || value === '{}') return true;
  if (/^[|>&*!%@`[{]/.test(value)) return false;
  if (value.startsWith('"')) return /^"([^"\\]|\\.)*"$/.test(value);
  if (value.startsWith("'")) return /^'([^']|'')*'$/.test(value);
  return !value.includes(' #') && !value.endsWith(':');
}

function fieldOf(line: string): Field | null {
  const match = FIELD.exec(line);
  if (!match || !completeValue(match[3]!)) return null;
  return { indent: match[1]!.length, key: match[2]!, line };
}

/** The three sections' fields, when they are the same keys of one mapping at one depth. */
function siblingFields(sections: string[][]): Field[][] | null {
  const parsed = sections.map((lines) => lines.map(fieldOf));
  const first = parsed[0]!;
  if (first.length === 0 || parsed.some((fields) => fields.length !== first.length)) return null;
  const indent = first[0]?.indent;
  for (const fields of parsed)
    for (const [index, field] of fields.entries())
      if (!field || field.indent !== indent || field.key !== first[index]!.key) return null;
  if (new Set(first.map((field) => field!.key)).size !== first.length) return null;
  return parsed as Field[][];
}

/** The hunk sits in a mapping: its parent line opens one (or it is at the top, after a complete field). */
function inMapping(above: string[], indent: number): boolean {
  for (let index = above.length - 1; index >= 0; index -= 1) {
    const line = above[index]!;
    if (line.trim() === '') return false;
    const lineIndent = indentOf(line);
    if (lineIndent > indent) continue;
    if (lineIndent === indent) return fieldOf(line) !== null || /^ *[A-Za-z_][A-Za-z0-9_.-]*:$/.test(line);
    const opener = OPENS_MAPPING.exec(line);
    if (!opener) return false;
    return lineIndent + 2 === indent; // the keys under `key:`, or beside `- key:` (sync writes indent 2)
  }
  return indent === 0;
}

/** A conflict region: the three sections, read with every marker where git puts it and nowhere else. */
interface Hunk {
  sections: [mine: string[], base: string[], theirs: string[]];
  /** The marker lines, whose labels must be the same in every region of one file. */
  labels: string;
  /** The index of its closing marker line. */
  end: number;
}

function readHunk(lines: string[], start: number): Hunk | null {
  const sections: Hunk['sections'] = [[], [], []];
  const separators = ['|||||||', '=======', '>>>>>>>'];
  const labels = [lines[start]!];
  let section = 0;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (!MARKER.test(line)) {
      sections[section]!.push(line);
      continue;
    }
    // A marker out of order (a side's own line that looks like one) makes the region unreadable.
    if (!line.startsWith(separators[section]!)) return null;
    labels.push(line);
    section += 1;
    if (section === 3) return { sections, labels: labels.join('\n'), end: index };
  }
  return null;
}

/**
 * git's merge (diff3 markers) with every conflict settled key by key; null when any cannot be. Only the marked
 * text is read: a side's own line that looks like a marker shows up in it out of place, or with other labels.
 */
export function mergeFieldHunks(marked: string): string | null {
  const lines = marked.split('\n');
  const out: string[] = [];
  let labels: string | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (!MARKER.test(line)) {
      out.push(line);
      continue;
    }
    const hunk = line.startsWith('<<<<<<< ') ? readHunk(lines, index) : null;
    if (!hunk || (labels !== null && hunk.labels !== labels)) return null;
    labels = hunk.labels;
    index = hunk.end;
    const [mine, base, theirs] = hunk.sections;
    const fields = siblingFields([base, mine, theirs]);
    if (!fields) return null;
    const indent = fields[0]![0]!.indent;
    const next = lines[index + 1];
    if (!inMapping(out, indent) || (next !== undefined && next !== '' && indentOf(next) > indent))
      return null;
    for (const [at, baseField] of fields[0]!.entries()) {
      const [ours, other] = [fields[1]![at]!.line, fields[2]![at]!.line];
      if (ours === other || other === baseField.line) out.push(ours);
      else if (ours === baseField.line) out.push(other);
      else return null; // changed two ways: the whole merge names the conflict
    }
  }
  return out.join('\n');
}
