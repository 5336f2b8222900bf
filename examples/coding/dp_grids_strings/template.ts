/**
 * The bottom-up skeleton for a 2-D dynamic program:
 * a table filled in row-major order.
 */

// --8<-- [start:fill_table]
/** Reads a final cell of the table; any other cell throws. */
export type CellReader<T> = (row: number, col: number) => T;

/**
 * A rows x cols table whose cell (i, j) is cell(at, i, j).
 *
 * Cells are filled row by row, each row left to right (row-major order).
 * Invariant: when cell(at, i, j) runs, every cell above row i and every
 * cell left of column j in row i is final, so cell may read (i - 1, j),
 * (i, j - 1) and (i - 1, j - 1), and must not read anything below or right.
 * `at` enforces that: reading a cell that is not final throws a RangeError.
 * Time O(rows * cols) calls of cell; space O(rows * cols).
 */
export function fillTable<T>(
  rows: number,
  cols: number,
  cell: (at: CellReader<T>, i: number, j: number) => T,
): T[][] {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`a table needs whole, non-negative sizes: ${rows} x ${cols}`);
  }
  const table: T[][] = [];
  let i = 0; // the cell being filled is (i, j)
  let j = 0;
  const at: CellReader<T> = (r, c) => {
    const final = (r < i || (r === i && c < j)) && c >= 0 && c < cols;
    const value = table[r]?.[c];
    if (!final || value === undefined) {
      throw new RangeError(`cell (${i}, ${j}) read (${r}, ${c}): not final`);
    }
    return value;
  };
  for (i = 0; i < rows; i++) {
    const row: T[] = [];
    table.push(row);
    for (j = 0; j < cols; j++) {
      row.push(cell(at, i, j));
    }
  }
  return table;
}
// --8<-- [end:fill_table]

// --8<-- [start:lcs_with_template]
/**
 * Length of a longest common subsequence, as one call to fillTable.
 *
 * Cell (i, j) answers the question for the prefixes a.slice(0, i) and
 * b.slice(0, j), so the table has a.length + 1 rows and b.length + 1 columns:
 * row 0 and column 0 are the empty prefix. String index i - 1 belongs to
 * table row i. Indexes are UTF-16 code units; spread [...a] for code points.
 */
export function lcsLengthByTemplate(a: string, b: string): number {
  const table = fillTable<number>(a.length + 1, b.length + 1, (at, i, j) => {
    if (i === 0 || j === 0) {
      return 0; // nothing is common with an empty prefix
    }
    if (a[i - 1] === b[j - 1]) {
      return at(i - 1, j - 1) + 1;
    }
    return Math.max(at(i - 1, j), at(i, j - 1));
  });
  return table[a.length]?.[b.length] ?? 0; // always present: the table is never empty
}
// --8<-- [end:lcs_with_template]

// --8<-- [start:demo]
console.log(lcsLengthByTemplate("kitten", "sitting"));
//> 4
// Paths from the top-left corner that move only right or down:
const paths = fillTable<number>(3, 4, (at, i, j) =>
  i === 0 || j === 0 ? 1 : at(i - 1, j) + at(i, j - 1),
);
for (const row of paths) {
  console.log(JSON.stringify(row));
  //> [1,1,1,1]
  //> [1,2,3,4]
  //> [1,3,6,10]
}
// --8<-- [end:demo]
