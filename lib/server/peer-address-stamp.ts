import http from "node:http";
import { PEER_ADDRESS_HEADER, RECEIVED_FORWARDED_FOR_HEADER } from "../domain/client-address.ts";

// Next's route handlers never see the TCP connection, and Next only fills X-Forwarded-For in
// with the peer's address when the client sent none, so a client could make itself any address
// it liked. This stamps every request the process's HTTP servers receive, before Next reads it,
// with the peer address and the X-Forwarded-For that arrived — overwriting any header of the
// same names a client sent — for lib/server/auth/client-address.ts to read.

const installed = Symbol.for("scholia.peerAddressStamp");

export function installPeerAddressStamp(): void {
  const serverPrototype = http.Server.prototype as http.Server & { [installed]?: true };
  if (serverPrototype[installed]) return;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied below with the server as `this`
  const emit = serverPrototype.emit;
  serverPrototype.emit = function stampedEmit(this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") stampRequest(args[0] as http.IncomingMessage);
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
  serverPrototype[installed] = true;
}

export function stampRequest(request: http.IncomingMessage): void {
  const headers = request.headers;
  headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
  const forwarded = headers["x-forwarded-for"];
  headers[RECEIVED_FORWARDED_FOR_HEADER] = Array.isArray(forwarded) ? forwarded.join(",") : (forwarded ?? "");
}
