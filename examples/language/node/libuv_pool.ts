/**
 * libuv's thread pool: which calls wait for a free pool thread and which do not.
 *
 * The pool's size comes from UV_THREADPOOL_SIZE when the process starts, so
 * the demo runs the experiment in child processes, one per pool size.
 */
import { execFile } from "node:child_process";
import { pbkdf2 } from "node:crypto";
import { lookup } from "node:dns/promises";
import { once } from "node:events";
import { stat } from "node:fs/promises";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const pbkdf2Async = promisify(pbkdf2);
const execFileAsync = promisify(execFile);

/** One hash on a pool thread: CPU work that keeps that thread busy throughout. */
function hash(iterations: number): Promise<Buffer> {
  return pbkdf2Async("correct horse", "salt", iterations, 32, "sha256");
}

/** Send one byte to an echo server and wait for it to come back. */
async function echo(port: number, host: string): Promise<void> {
  const socket = net.connect({ port, host, timeout: 5_000 });
  socket.once("timeout", () => socket.destroy(new Error(`no echo from ${host}`)));
  try {
    await once(socket, "connect");
    socket.write("x");
    await once(socket, "data");
  } finally {
    socket.destroy();
  }
}

// --8<-- [start:race]
/** Start a long hash, then four quick calls; report which finished before it. */
async function raceAgainstAHash(iterations: number): Promise<Record<string, string>> {
  const server = net.createServer((socket) => socket.pipe(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as net.AddressInfo;
  let hashDone = false;
  // A handler on each call at once: a failure is reported, never left unhandled.
  const when = (call: Promise<unknown>): Promise<string> =>
    call.then(
      () => (hashDone ? "after the hash" : "before the hash"),
      (error: Error) => `failed: ${error.message}`,
    );
  try {
    const hashing = hash(iterations).then(() => {
      hashDone = true;
    });
    const calls = {
      "fs.stat": when(stat(".")),
      "dns.lookup('localhost')": when(lookup("localhost")),
      "TCP echo via 127.0.0.1": when(echo(port, "127.0.0.1")),
      "TCP echo via 'localhost'": when(echo(port, "localhost")),
    };
    await hashing;
    const report: Record<string, string> = {};
    for (const [name, outcome] of Object.entries(calls)) {
      report[name] = await outcome;
    }
    return report;
  } finally {
    server.close();
  }
}
// --8<-- [end:race]

/** Wall and CPU (all threads) milliseconds for `count` hashes at once (benchmark). */
async function parallelHashes(
  count: number,
  iterations: number,
): Promise<{ wallMs: number; cpuMs: number }> {
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: count }, () => hash(iterations)));
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Await `expression` (this module is `pool`) in a fresh node with this pool size. */
async function inFreshProcess(poolSize: number, expression: string): Promise<unknown> {
  const program =
    `import * as pool from ${JSON.stringify(import.meta.url)};\n` +
    `process.stdout.write(JSON.stringify(await ${expression}));`;
  const args = ["--input-type=module", "-e", program];
  const { stdout } = await execFileAsync(process.execPath, args, {
    env: { ...process.env, UV_THREADPOOL_SIZE: String(poolSize) },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as unknown;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --8<-- [start:demo]
  const expression = "pool.raceAgainstAHash(300_000)"; // outlasts the quick calls
  const poolOfOne = (await inFreshProcess(1, expression)) as Record<string, string>;
  const poolOfFour = (await inFreshProcess(4, expression)) as Record<string, string>;
  console.log(`${"finished".padEnd(26)} ${"pool of 1".padEnd(16)} pool of 4`);
  //> finished                   pool of 1        pool of 4
  for (const [call, outcome] of Object.entries(poolOfOne)) {
    console.log(`${call.padEnd(26)} ${outcome.padEnd(16)} ${poolOfFour[call]}`);
    //> fs.stat                    after the hash   before the hash
    //> dns.lookup('localhost')    after the hash   before the hash
    //> TCP echo via 127.0.0.1     before the hash  before the hash
    //> TCP echo via 'localhost'   after the hash   before the hash
  }
  // --8<-- [end:demo]
}

export { parallelHashes, raceAgainstAHash };
