/**
 * Closures: a function keeps the variables of the scope it was created in,
 * for as long as the function itself is reachable.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// --8<-- [start:counter]
function makeCounter(start = 0): { next(): number; peek(): number } {
  let value = start; // private: only these two functions can reach it
  return {
    next: () => ++value,
    peek: () => value,
  };
}

const requests = makeCounter();
const retries = makeCounter(100);
requests.next();
requests.next();
retries.next();
console.log(requests.peek(), retries.peek());
//> 2 101
// --8<-- [end:counter]

// --8<-- [start:loop]
// Predict the output before reading it.
for (var i = 0; i < 3; i++) {
  setTimeout(() => console.log("var:", i), 0);
  //> var: 3
  //> var: 3
  //> var: 3
}
for (let j = 0; j < 3; j++) {
  setTimeout(() => console.log("let:", j), 0);
  //> let: 0
  //> let: 1
  //> let: 2
}
await sleep(10); // let the six timers run before the next section
// --8<-- [end:loop]

// --8<-- [start:retention]
// Only to prove what the garbage collector may free; never in a service.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

type Summary = () => string;

function summaryKeepingRows(rows: number[]): Summary {
  return () => `${rows.length} rows`; // captures the whole array
}

function summaryKeepingCount(rows: number[]): Summary {
  const count = rows.length; // capture the number, not the array
  return () => `${count} rows`;
}

function summaryWithSibling(rows: number[]): Summary {
  const count = rows.length;
  const firstRow = () => rows[0]; // never returned, never called again...
  firstRow();
  return () => `${count} rows`; // ...but it shares one scope object with this one
}

type MakeSummary = (rows: number[]) => Summary;

async function rowsStayInMemory(makeSummary: MakeSummary): Promise<boolean> {
  let rows: number[] | undefined = new Array<number>(1_000_000).fill(7);
  const probe = new WeakRef(rows);
  const summary = makeSummary(rows);
  rows = undefined; // the caller lets go; only the closure could still hold it
  await nextTurn(); // a WeakRef keeps its target alive until the current job ends
  collectGarbage();
  const retained = probe.deref() !== undefined;
  summary(); // the closure is still in use after the collection
  return retained;
}

for (const make of [summaryKeepingRows, summaryKeepingCount, summaryWithSibling]) {
  console.log(make.name, "keeps the rows:", await rowsStayInMemory(make));
  //> summaryKeepingRows keeps the rows: true
  //> summaryKeepingCount keeps the rows: false
  //> summaryWithSibling keeps the rows: true
}
// --8<-- [end:retention]
