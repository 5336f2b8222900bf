/**
 * node:cluster: processes that serve one port, and a primary that replaces a dead one.
 *
 * The primary forks two workers. Each calls listen(0) on 127.0.0.1, and the
 * primary hands both the same port, then spreads new connections over them
 * (round-robin, the default everywhere but Windows).
 */
import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

/** One request on its own connection, so the primary picks a worker for each. */
async function whoAnswers(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`, {
    headers: { connection: "close" },
    signal: AbortSignal.timeout(5_000),
  });
  return response.text();
}

async function listening(worker: Worker): Promise<number> {
  const [address] = (await once(worker, "listening")) as [AddressInfo];
  return address.port;
}

interface ClusterReport {
  ports: number[]; // the port each worker got from listen(0)
  answeredBy: string[]; // who answered each of `requests` requests
  replacementPort: number; // the port of the worker forked after one was killed
  answeredAfterCrash: string;
  workerPids: number[]; // every worker this primary forked
}

// --8<-- [start:primary]
async function runCluster(workers: number, requests: number): Promise<ClusterReport> {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) }); // workers run this
  const forked = Array.from({ length: workers }, () => cluster.fork());
  const ports = await Promise.all(forked.map(listening));
  const port = ports[0] as number;

  const answeredBy: string[] = [];
  for (let i = 0; i < requests; i++) answeredBy.push(await whoAnswers(port));

  // A process manager's job, done by the primary: replace a worker that dies.
  const replacement = new Promise<Worker>((resolve) => {
    cluster.once("exit", (dead) => {
      if (!dead.exitedAfterDisconnect) resolve(cluster.fork());
    });
  });
  (forked[0] as Worker).process.kill("SIGKILL");
  const spare = await replacement;
  const replacementPort = await listening(spare);
  const answeredAfterCrash = await whoAnswers(port);

  const exits = [...forked.slice(1), spare].map((worker) => once(worker, "exit"));
  for (const worker of [...forked.slice(1), spare]) worker.disconnect(); // graceful
  await Promise.all(exits);
  const workerPids = [...forked, spare].map((worker) => worker.process.pid as number);
  return { ports, answeredBy, replacementPort, answeredAfterCrash, workerPids };
}
// --8<-- [end:primary]

// --8<-- [start:worker]
function serve(): void {
  const server = http.createServer((_request, response) => {
    response.end(`worker ${process.pid}`);
  });
  server.listen(0, "127.0.0.1"); // in a worker, the primary owns the listening socket
  // No shutdown code: the primary's worker.disconnect() closes this server, lets
  // requests in flight finish, and then the worker exits with nothing left to do.
}
// --8<-- [end:worker]

if (cluster.isWorker) {
  serve();
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --8<-- [start:demo]
  const report = await runCluster(2, 10);
  console.log("2 workers, one port between them:", new Set(report.ports).size === 1);
  //> 2 workers, one port between them: true
  console.log("processes that answered 10 requests:", new Set(report.answeredBy).size);
  //> processes that answered 10 requests: 2
  const samePort = report.replacementPort === report.ports[0];
  console.log("a killed worker's replacement got the same port:", samePort);
  //> a killed worker's replacement got the same port: true
  console.log("answered after it:", report.answeredAfterCrash.startsWith("worker"));
  //> answered after it: true
  // --8<-- [end:demo]
}

export { runCluster };
