import { once } from "node:events";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server for tests, on 127.0.0.1 (the smtp-server package), that keeps what it
// receives, parsed with mailparser. It can be taken down and brought back on the same port to
// play an outage. Used by integration tests in-process and by e2e through e2e/fixtures/mail-sink.

export type ReceivedMail = {
  /** SMTP envelope recipients (RCPT TO). */
  recipients: string[];
  mail: ParsedMail;
  raw: string;
  receivedAt: number;
};

export type SmtpSink = {
  port: number;
  /** smtp://127.0.0.1:<port>: what SMTP_URL should be. */
  url: string;
  received: ReceivedMail[];
  /** Messages sent to one address (envelope), in arrival order. */
  to(address: string): ReceivedMail[];
  /** Resolves with the first message matching, waiting for it up to `timeoutMs`. */
  waitFor(predicate: (message: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Stops listening (connections are refused) until up() is called again. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
};

export async function startSmtpSink({ port = 0 }: { port?: number } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const createServer = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      // down() and stop() return at once, cutting the connections a pooled client keeps open.
      closeTimeout: 100,
      // No banner delay: the tests wait for conditions, not for the server's politeness.
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          // The parse settles the SMTP transaction either way (callback), so no rejection is left unhandled.
          simpleParser(raw).then(
            (mail) => {
              received.push({
                recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
                mail,
                raw,
                receivedAt: Date.now(),
              });
              for (const wake of waiters) wake();
              callback();
            },
            (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
          );
        });
      },
    });

  let server = createServer();
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  const actualPort = (server.server.address() as { port: number }).port;

  const close = async () => {
    if (!server.server.listening) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    received,
    to: (address) => received.filter((message) => message.recipients.includes(address.toLowerCase())),
    waitFor: (predicate, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching email within ${timeoutMs} ms (${received.length} received).`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    down: close,
    up: async () => {
      if (server.server.listening) return;
      server = createServer();
      server.listen(actualPort, "127.0.0.1");
      await once(server.server, "listening");
    },
    stop: close,
  };
}
