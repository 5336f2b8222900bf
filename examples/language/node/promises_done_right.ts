/**
 * async/await without surprises: where a catch catches, what Promise.all
 * leaves running, and what an unhandled rejection does to the process.
 */
import { spawnSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** A call that fails after a turn of the event loop, like a refused connection. */
async function failingCall(): Promise<string> {
  await sleep(1);
  throw new Error("connection refused");
}

// --8<-- [start:return_await]
async function withoutAwait(): Promise<string> {
  try {
    return failingCall(); // the promise leaves the try block before it rejects
  } catch {
    return "fallback";
  }
}

async function withAwait(): Promise<string> {
  try {
    return await failingCall(); // the rejection is thrown here, inside the try
  } catch {
    return "fallback";
  }
}
// --8<-- [end:return_await]

// --8<-- [start:all_settled]
/** Three calls; b fails first. Promise.all rejects at once and cancels nothing. */
async function allRejectsFast(): Promise<string[]> {
  const log: string[] = [];
  const call = async (name: string, ms: number, fail = false): Promise<string> => {
    await sleep(ms);
    log.push(`${name} finished`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  try {
    await Promise.all([call("a", 20), call("b", 5, true), call("c", 10)]);
  } catch (error) {
    log.push(`Promise.all rejected: ${(error as Error).message}`);
  }
  await sleep(30); // a and c still run: nothing stopped them
  return log;
}

/** Promise.allSettled waits for every call and reports each outcome. */
async function everyOutcome(): Promise<string[]> {
  const calls = [sleep(5, "d"), failingCall(), sleep(1, "f")];
  const results = await Promise.allSettled(calls);
  return results.map((r) =>
    r.status === "fulfilled" ? r.value : `rejected: ${(r.reason as Error).message}`,
  );
}
// --8<-- [end:all_settled]

// --8<-- [start:sequential]
/** The most calls in flight at once: `await` inside a loop runs them one by one. */
async function peakInFlight(concurrent: boolean): Promise<number> {
  let inFlight = 0;
  let peak = 0;
  const call = async (): Promise<void> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await sleep(1);
    inFlight--;
  };
  if (concurrent) {
    await Promise.all([call(), call(), call()]);
  } else {
    for (let i = 0; i < 3; i++) await call();
  }
  return peak;
}
// --8<-- [end:sequential]

// --8<-- [start:unhandled]
/** Run `code` in a new node (ES module): exit code, output, the error it died of. */
function runAlone(code: string): string {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    encoding: "utf8",
    timeout: 10_000,
  });
  const died = child.stderr.split("\n").find((l) => /^\w*Error: /.test(l)) ?? "none";
  return `exit ${child.status}, printed "${child.stdout.trim()}", died of: ${died}`;
}

const PROGRAMS = {
  "rejected, never awaited": `
    Promise.reject(new Error("lost"));
    setTimeout(() => console.log("still running"), 10);`,
  "awaited only after a timer": `
    import { setTimeout as sleep } from "node:timers/promises";
    const pending = Promise.reject(new Error("handled too late"));
    await sleep(10);
    try { await pending; } catch { console.log("caught"); }`,
  "a handler logs, then exits": `
    process.on("unhandledRejection", (reason) => {
      console.log("logged:", String(reason));
      process.exit(1);
    });
    Promise.reject(new Error("lost"));`,
};
// --8<-- [end:unhandled]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --8<-- [start:demo]
  const escaped = await withoutAwait().catch((e: Error) => `escaped: ${e.message}`);
  console.log("return without await:", escaped);
  //> return without await: escaped: connection refused
  console.log("return await:        ", await withAwait());
  //> return await:         fallback
  for (const line of await allRejectsFast()) {
    console.log(line);
    //> b finished
    //> Promise.all rejected: b failed
    //> c finished
    //> a finished
  }
  console.log("Promise.allSettled:", await everyOutcome());
  //> Promise.allSettled: [ 'd', 'rejected: connection refused', 'f' ]
  console.log("peak in flight, await in a loop:", await peakInFlight(false));
  //> peak in flight, await in a loop: 1
  console.log("peak in flight, Promise.all:    ", await peakInFlight(true));
  //> peak in flight, Promise.all:     3
  for (const [name, code] of Object.entries(PROGRAMS)) {
    console.log(`${name}: ${runAlone(code)}`);
    //> rejected, never awaited: exit 1, printed "", died of: Error: lost
    //> awaited only after a timer: exit 1, printed "", died of: Error: handled too late
    //> a handler logs, then exits: exit 1, printed "logged: Error: lost", died of: none
  }
  // --8<-- [end:demo]
}

export { allRejectsFast, everyOutcome, peakInFlight, runAlone, withAwait };
export { withoutAwait };
export { PROGRAMS };
