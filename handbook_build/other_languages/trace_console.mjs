// Loaded with `node --enable-source-maps --import <this file>` by the harness
// (toolchains.py): before each line console.log writes, a marker "\0L<line> "
// names the line of the example's TypeScript source that called it, read from
// the call's stack (source-mapped). outputs.py puts each line under its call.
import { format } from "node:util";

const example = process.env.HANDBOOK_TRACED_SOURCE;

function callerLine() {
  const stack = new Error().stack?.split("\n") ?? [];
  for (const frame of stack) {
    const match = frame.match(/(?:\(|at )(?:file:\/\/)?([^()]+?):(\d+):\d+\)?$/);
    if (match && example && match[1] === example) {
      return Number(match[2]);
    }
  }
  return 0;
}

console.log = (...args) => {
  const line = callerLine();
  for (const text of format(...args).split("\n")) {
    process.stdout.write(`\0L${line} ${text}\n`);
  }
};
