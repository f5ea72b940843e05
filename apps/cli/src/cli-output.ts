// How a command speaks: results on stdout (JSON with --json, text otherwise), progress and problems on stderr,
// colour only when the stream is a terminal and NO_COLOR is not set.
export interface Output {
  json: boolean;
  /** The command's result: `data` with --json, `text` otherwise. */
  result(text: string, data: unknown): void;
  /** A line about long work in progress (stderr, never with --json on stdout). */
  progress(line: string): void;
  warn(line: string): void;
  colour: Colour;
}

export interface Colour {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const paint = (on: boolean, code: number) => (text: string) =>
  on ? `\u001b[${code}m${text}\u001b[0m` : text;

export function colourFor(stream: NodeJS.WriteStream): Colour {
  const on = Boolean(stream.isTTY) && !process.env.NO_COLOR;
  return {
    green: paint(on, 32),
    red: paint(on, 31),
    yellow: paint(on, 33),
    dim: paint(on, 2),
    bold: paint(on, 1),
  };
}

export function createOutput(json: boolean, quiet = false): Output {
  const err = colourFor(process.stderr);
  return {
    json,
    colour: colourFor(process.stdout),
    result(text, data) {
      process.stdout.write(
        json ? `${JSON.stringify(data, null, 2)}\n` : text.endsWith('\n') ? text : `${text}\n`,
      );
    },
    progress(line) {
      if (!quiet) process.stderr.write(`${err.dim(line)}\n`);
    },
    warn(line) {
      process.stderr.write(`${err.yellow(line)}\n`);
    },
  };
}

/** Rows as aligned columns, the first row a header. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
