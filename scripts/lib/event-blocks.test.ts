import { describe, expect, it } from "vitest";
import { readEventBlocks } from "./event-blocks.ts";

/** A stream that hands out `chunks` one read at a time, then ends (or fails with `error`). */
function streamOf(chunks: (string | Uint8Array)[], error?: Error): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const queue = [...chunks];
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = queue.shift();
      if (chunk !== undefined) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      else if (error) controller.error(error);
      else controller.close();
    },
  });
}

async function blocksOf(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const blocks: string[] = [];
  await readEventBlocks(stream, (block) => blocks.push(block));
  return blocks;
}

describe("readEventBlocks", () => {
  it("hands out each block once it is complete, however the stream is cut", async () => {
    const text = 'id: 1\nevent: created\ndata: {}\n\n: keep-alive\n\nid: 2\ndata: {"a":1}\n\n';
    const whole = await blocksOf(streamOf([text]));
    expect(whole).toEqual(["id: 1\nevent: created\ndata: {}", ": keep-alive", 'id: 2\ndata: {"a":1}']);
    // One byte at a time, and cut between the two newlines that end a block.
    expect(await blocksOf(streamOf([...text]))).toEqual(whole);
    expect(await blocksOf(streamOf(["id: 1\nevent: created\ndata: {}\n", '\n: keep-alive\n\nid: 2\ndata: {"a":1}\n\n']))).toEqual(whole);
  });

  it("decodes a character cut across two chunks", async () => {
    const bytes = new TextEncoder().encode("data: “Shanghai”\n\n");
    expect(await blocksOf(streamOf([bytes.slice(0, 7), bytes.slice(7)]))).toEqual(["data: “Shanghai”"]);
  });

  it("keeps back an unfinished block when the stream ends, and rejects when it fails", async () => {
    expect(await blocksOf(streamOf(["id: 1\ndata: {}\n\nid: 2\ndata: {"]))).toEqual(["id: 1\ndata: {}"]);
    const seen: string[] = [];
    await expect(readEventBlocks(streamOf(["data: a\n\n"], new Error("dropped")), (block) => seen.push(block))).rejects.toThrow("dropped");
    expect(seen).toEqual(["data: a"]);
  });
});
