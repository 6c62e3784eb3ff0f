import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { WebhookBody } from '../../collector/notify/webhook';

// What IT runs to hear of incidents, as loopback stand-ins started by the tests and the incidents
// bench: a webhook receiver over HTTP and an SMTP server (the smtp-server package).

/** One webhook call as received. */
export interface WebhookCall {
  headers: IncomingHttpHeaders;
  /** The body text exactly as sent (the signature covers it). */
  body: string;
  json: WebhookBody;
  /** performance.now() when it arrived. */
  at: number;
}

/** A running webhook receiver. */
export interface WebhookReceiver {
  url: string;
  /** Calls it answered 204. */
  calls: WebhookCall[];
  /** Calls it refused with 500 (the first `failFirst`). */
  refused: WebhookCall[];
  close(): Promise<void>;
}

/** A loopback webhook receiver; the first `failFirst` calls are answered 500, the rest 204. */
export async function startWebhookReceiver(options: { failFirst?: number } = {}): Promise<WebhookReceiver> {
  const calls: WebhookCall[] = [];
  const refused: WebhookCall[] = [];
  let toFail = options.failFirst ?? 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const call: WebhookCall = {
        headers: request.headers,
        body,
        json: JSON.parse(body) as WebhookBody,
        at: performance.now(),
      };
      if (toFail > 0) {
        toFail--;
        refused.push(call);
        response.writeHead(500).end();
        return;
      }
      calls.push(call);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/mitsprache`,
    calls,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One mail as the SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message, quoted-printable soft line breaks joined. */
  raw: string;
}

/** A running SMTP server. */
export interface MailReceiver {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** A loopback SMTP server without TLS or authentication, keeping every mail it is given. */
export async function startMailReceiver(): Promise<MailReceiver> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks)
            .toString('utf8')
            .replace(/=\r?\n/g, ''),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
