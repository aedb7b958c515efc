// A server-sent-event stream as its blocks: the text between blank lines ("id: …\nevent: …\ndata: …"),
// for the clients of the live channel outside a browser (the bench and the fault harness).

/**
 * Reads `body` to its end, handing each complete event block to `onBlock` as it arrives; a read
 * error (the stream dropped or aborted) rejects.
 */
export async function readEventBlocks(body: ReadableStream<Uint8Array>, onBlock: (block: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      onBlock(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
}
