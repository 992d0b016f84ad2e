import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../platform/context';
import { deliverNotificationsJob } from './jobs';

/** Runs one delivery pass now, as the minute job does. */
export async function runDeliveryWorker(ctx: AppContext): Promise<void> {
  await ctx.jobs.runNow(deliverNotificationsJob(ctx), {});
}

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: Buffer;
}

/**
 * A real SMTP server on a free port (nodemailer's smtp-server): it requires the given login and
 * answers 550 to the recipients it is told to reject, as a mailbox that does not exist would.
 */
export async function startSmtpServer(options: { user: string; pass: string; reject?: (address: string) => boolean }) {
  const received: ReceivedMail[] = [];
  const rejected: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        rejected.push(address.address);
        callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${options.user}:${options.pass}@127.0.0.1:${port}`,
    received,
    rejected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server standing in for an SMS gateway; `answer` decides each reply. */
export async function startSmsGateway(answer: (request: ReceivedRequest) => { status: number; body: string }) {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(request);
      const reply = answer(request);
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The events a notification left in the outbox, oldest first. */
export async function eventsOf(ctx: AppContext, notificationId: string): Promise<{ name: string; payload: Record<string, unknown> }[]> {
  const rows = await ctx.database.query<{ name: string; payload: Record<string, unknown> | string }>(
    `select name, payload from outbox_events where payload->>'notificationId' = $1 order by id`,
    [notificationId],
  );
  return rows.map((r) => ({ name: r.name, payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload }));
}
