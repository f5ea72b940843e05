// A conflicted file as git leaves it (with <<<<<<< ======= >>>>>>> markers), split into its conflicts so each
// can be settled on its own: mine, theirs, or both.

export interface Hunk {
  index: number;
  mine: string;
  theirs: string;
}

const START = /^<{7}(?: .*)?$/;
const BASE = /^\|{7}(?: .*)?$/;
const MIDDLE = /^={7}$/;
const END = /^>{7}(?: .*)?$/;

/** The conflicts still marked in `text`, in order. */
export function hunksOf(text: string): Hunk[] {
  const hunks: Hunk[] = [];
  let state: 'out' | 'mine' | 'base' | 'theirs' = 'out';
  let mine: string[] = [];
  let theirs: string[] = [];
  for (const line of text.split('\n')) {
    if (state === 'out' && START.test(line)) {
      state = 'mine';
      mine = [];
      theirs = [];
    } else if (state === 'mine' && BASE.test(line)) state = 'base';
    else if ((state === 'mine' || state === 'base') && MIDDLE.test(line)) state = 'theirs';
    else if (state === 'theirs' && END.test(line)) {
      hunks.push({ index: hunks.length, mine: mine.join('\n'), theirs: theirs.join('\n') });
      state = 'out';
    } else if (state === 'mine') mine.push(line);
    else if (state === 'theirs') theirs.push(line);
  }
  return hunks;
}

/** `text` with its `index`-th conflict replaced by the chosen side (or both, mine first). */
export function settleHunk(text: string, index: number, choice: 'mine' | 'theirs' | 'both'): string {
  const out: string[] = [];
  let state: 'out' | 'mine' | 'base' | 'theirs' = 'out';
  let seen = -1;
  let mine: string[] = [];
  let theirs: string[] = [];
  let raw: string[] = [];
  for (const line of text.split('\n')) {
    if (state === 'out') {
      if (START.test(line)) {
        state = 'mine';
        seen += 1;
        mine = [];
        theirs = [];
        raw = [line];
      } else out.push(line);
      continue;
    }
    raw.push(line);
    if (state === 'mine' && BASE.test(line)) state = 'base';
    else if ((state === 'mine' || state === 'base') && MIDDLE.test(line)) state = 'theirs';
    else if (state === 'theirs' && END.test(line)) {
      state = 'out';
      if (seen !== index) out.push(...raw);
      else if (choice === 'mine') out.push(...mine);
      else if (choice === 'theirs') out.push(...theirs);
      else out.push(...mine, ...theirs);
    } else if (state === 'mine') mine.push(line);
    else if (state === 'theirs') theirs.push(line);
  }
  if (state !== 'out') out.push(...raw);
  return out.join('\n');
}

export const hasMarkers = (text: string) => hunksOf(text).length > 0;
