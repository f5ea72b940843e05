// Which items of a reordered list moved: everything outside the longest run the two orders share, each said
// relative to its new neighbour ("moved before 'Orders'"), the way a person describes a drag.

/** The longest common subsequence of two lists of keys. */
function commonOrder(before: string[], after: string[]): Set<string> {
  const rows = before.length;
  const cols = after.length;
  const table = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--)
    for (let j = cols - 1; j >= 0; j--)
      table[i]![j] =
        before[i] === after[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const kept = new Set<string>();
  let [i, j] = [0, 0];
  while (i < rows && j < cols) {
    if (before[i] === after[j]) {
      kept.add(before[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! > table[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

export interface Move {
  key: string;
  /** The item it now comes just before, or, when it is last, the one it now follows. */
  before?: string;
  after?: string;
}

/** Moves among the items both lists hold (added and removed items are not moves). */
export function orderMoves(before: string[], after: string[]): Move[] {
  const both = new Set(before.filter((key) => after.includes(key)));
  const older = before.filter((key) => both.has(key));
  const newer = after.filter((key) => both.has(key));
  const kept = commonOrder(older, newer);
  return newer
    .map((key, index): Move | null => {
      if (kept.has(key)) return null;
      const next = newer[index + 1];
      return next !== undefined ? { key, before: next } : { key, after: newer[index - 1]! };
    })
    .filter((move): move is Move => move !== null);
}
