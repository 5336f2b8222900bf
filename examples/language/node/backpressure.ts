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
const HIGH_WATER_MARK = 64 * 1024; // the Writable default is 16 KiB; set here to be visible

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
/** Write every chunk at once, ignoring write()'s answer: the buffer takes everything. */
async function ignoreBackpressure(chunks: number): Promise<{ peakBuffered: number; refusals: number }> {
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
/** Stop when write() returns false and resume on 'drain': the buffer stays at the mark. */
async function respectBackpressure(chunks: number): Promise<{ peakBuffered: number; pauses: number }> {
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
/** pipeline() waits for 'drain' itself, and on any error destroys every stream in it. */
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
        source.readableLength + check.writableLength + check.readableLength + sink.writableLength;
      peakInAllStages = Math.max(peakInAllStages, inAllStages);
      done(seen === failAt ? new Error(`bad record in chunk ${seen}`) : null, chunk);
    },
  });
  try {
    await pipeline(source, check, sink);
    return { peakBuffered, peakInAllStages, outcome: "finished" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { peakBuffered, peakInAllStages, outcome: `rejected (${message}); sink destroyed: ${sink.destroyed}` };
  }
}
// --8<-- [end:pipeline]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --8<-- [start:demo]
  const chunks = 64; // 1 MiB in 16 KiB chunks
  const ignored = await ignoreBackpressure(chunks);
  console.log(`ignored:  peak buffered ${ignored.peakBuffered / 1024} KiB, write() said false ${ignored.refusals} times`);
  //> ignored:  peak buffered 1024 KiB, write() said false 61 times
  const respected = await respectBackpressure(chunks);
  console.log(`'drain':  peak buffered ${respected.peakBuffered / 1024} KiB, paused ${respected.pauses} times`);
  //> 'drain':  peak buffered 64 KiB, paused 16 times
  const piped = await throughPipeline(chunks);
  console.log(`pipeline: peak buffered ${piped.peakBuffered / 1024} KiB, ${piped.outcome}`);
  //> pipeline: peak buffered 64 KiB, finished
  console.log(`          in all three streams at most ${piped.peakInAllStages / 1024} KiB`);
  //>           in all three streams at most 80 KiB
  const failed = await throughPipeline(chunks, 3);
  console.log(`pipeline with a bad chunk: ${failed.outcome}`);
  //> pipeline with a bad chunk: rejected (bad record in chunk 3); sink destroyed: true
  // --8<-- [end:demo]
}

export { ignoreBackpressure, respectBackpressure, throughPipeline, CHUNK_BYTES, HIGH_WATER_MARK };
