/**
 * Backpressure: a fast producer and a slow consumer, with and without respect
 * for write()'s return value, and pipeline() doing it for you.
 *
 * The consumer finishes one chunk per turn of the event loop. The producer
 * records how many bytes sit in the consumer's buffer (writableLength) after
 * every write, so the peak is the memory a real service would hold.
 */
import { once } from "node:events";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";

const CHUNK_BYTES = 16 * 1024;
const HIGH_WATER_MARK = 64 * 1024; // Node 20's default is 16 KiB; set to be visible

// --8<-- [start:slow_sink]
/** A consumer that takes one turn of the event loop per chunk, like a slow socket. */
function slowSink(): Writable {
  return new Writable({
    highWaterMark: HIGH_WATER_MARK,
    write(_chunk: Buffer, _encoding, done) {
      setImmediate(done);
    },
  });
}
// --8<-- [end:slow_sink]

// --8<-- [start:ignore]
/** Write every chunk at once, ignoring write()'s answer: the buffer takes it all. */
async function ignoreBackpressure(
  chunks: number,
): Promise<{ peakBuffered: number; refusals: number }> {
  const sink = slowSink();
  let peakBuffered = 0;
  let refusals = 0;
  for (let i = 0; i < chunks; i++) {
    if (!sink.write(Buffer.alloc(CHUNK_BYTES))) refusals++; // "please stop", ignored
    peakBuffered = Math.max(peakBuffered, sink.writableLength);
  }
  sink.end();
  await once(sink, "finish");
  return { peakBuffered, refusals };
}
// --8<-- [end:ignore]

// --8<-- [start:drain]
/** Stop when write() returns false, resume on 'drain': the buffer stays at the mark. */
async function respectBackpressure(
  chunks: number,
): Promise<{ peakBuffered: number; pauses: number }> {
  const sink = slowSink();
  let peakBuffered = 0;
  let pauses = 0;
  for (let i = 0; i < chunks; i++) {
    const accepted = sink.write(Buffer.alloc(CHUNK_BYTES));
    peakBuffered = Math.max(peakBuffered, sink.writableLength);
    if (!accepted) {
      pauses++;
      await once(sink, "drain");
    }
  }
  sink.end();
  await once(sink, "finish");
  return { peakBuffered, pauses };
}
// --8<-- [end:drain]

// --8<-- [start:pipeline]
/** pipeline() waits for 'drain' itself; on an error it destroys every stream in it. */
async function throughPipeline(
  chunks: number,
  failAt?: number,
): Promise<{ peakBuffered: number; peakInAllStages: number; outcome: string }> {
  async function* produce(): AsyncGenerator<Buffer> {
    for (let i = 0; i < chunks; i++) yield Buffer.alloc(CHUNK_BYTES);
  }
  const source = Readable.from(produce(), { objectMode: false });
  const sink = slowSink();
  let seen = 0;
  let peakBuffered = 0;
  let peakInAllStages = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen++;
      peakBuffered = Math.max(peakBuffered, sink.writableLength);
      const inAllStages =
        source.readableLength +
        check.writableLength +
        check.readableLength +
        sink.writableLength;
      peakInAllStages = Math.max(peakInAllStages, inAllStages);
      done(seen === failAt ? new Error(`bad record in chunk ${seen}`) : null, chunk);
    },
  });
  try {
    await pipeline(source, check, sink);
    return { peakBuffered, peakInAllStages, outcome: "finished" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const outcome = `rejected (${message}); sink destroyed: ${sink.destroyed}`;
    return { peakBuffered, peakInAllStages, outcome };
  }
}
// --8<-- [end:pipeline]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --8<-- [start:demo]
  const chunks = 64; // 1 MiB in 16 KiB chunks
  const kib = (bytes: number): string => `${bytes / 1024} KiB`;
  const loose = await ignoreBackpressure(chunks);
  console.log(`ignored:  peak ${kib(loose.peakBuffered)}, ${loose.refusals} refusals`);
  //> ignored:  peak 1024 KiB, 61 refusals
  const paced = await respectBackpressure(chunks);
  console.log(`'drain':  peak ${kib(paced.peakBuffered)}, ${paced.pauses} pauses`);
  //> 'drain':  peak 64 KiB, 16 pauses
  const piped = await throughPipeline(chunks);
  console.log(`pipeline: peak ${kib(piped.peakBuffered)}, ${piped.outcome}`);
  //> pipeline: peak 64 KiB, finished
  console.log(`          in all three streams at most ${kib(piped.peakInAllStages)}`);
  //>           in all three streams at most 80 KiB
  const failed = await throughPipeline(chunks, 3);
  console.log(`pipeline with a bad chunk: ${failed.outcome}`);
  //> pipeline with a bad chunk: rejected (bad record in chunk 3); sink destroyed: true
  // --8<-- [end:demo]
}

export { ignoreBackpressure, respectBackpressure, throughPipeline };
