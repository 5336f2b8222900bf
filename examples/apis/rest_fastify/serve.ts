/**
 * Serve the Fastify users API on 127.0.0.1 until SIGTERM or SIGINT:
 *
 *     HANDBOOK_USERS_CURSOR_KEY=<secret> node serve.js 8000     (0: any free port)
 *
 * The first line it prints is the URL it listens on; the contract tests read
 * it to find the server. Without a port it prints how to run it and exits.
 * Errors go to stderr, as JSON log lines.
 */
import { allowAnyoneDemoOnly, buildApp } from "./users_app.js";

const port = process.argv[2];
if (port === undefined || !/^[0-9]+$/.test(port)) {
  console.log("usage: node serve.js PORT (0 picks a free one)");
  //> usage: node serve.js PORT (0 picks a free one)
} else {
  try {
    // No access control, on purpose: this server exists for the demo and the contract tests.
    const logger = { level: "error", stream: process.stderr };
    const app = buildApp({ authorize: allowAnyoneDemoOnly, logger });
    const url = await app.listen({ host: "127.0.0.1", port: Number(port) });
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => void app.close());
    }
    console.log(url);
  } catch (error) {
    // No key, a short key, a port in use: say why and exit non-zero.
    console.error(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
