import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UploadBatch } from '../../src/core/audit/types';

/**
 * A collector stand-in on 127.0.0.1 for upload tests: records every request
 * (headers + raw body) and answers per `mode`:
 * - "ok": 200 acknowledging the batch; "no-ack": 200 with an empty JSON object (a proxy's
 *   answer, not the collector's); "fail": 503; "hold": never answers (until `release()` or close),
 *   to stop the service worker while a request is in flight.
 */
export interface ReceivedRequest {
  at: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  batch: UploadBatch | null;
  status: number | null;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  mode: 'ok' | 'fail' | 'hold' | 'no-ack';
  /** Answer held requests with this status. */
  release(status?: number): void;
  /** Batches answered 2xx. */
  acknowledged(): UploadBatch[];
  close(): Promise<void>;
}

export async function startReceiver(pathname = '/ingest'): Promise<Receiver> {
  const held: Array<{ res: http.ServerResponse; entry: ReceivedRequest }> = [];
  const receiver: Receiver = {
    url: '',
    requests: [],
    mode: 'ok',
    release(status = 200) {
      for (const { res, entry } of held.splice(0)) {
        entry.status = status;
        const ack = entry.batch
          ? {
              batchId: entry.batch.batchId,
              lastSeq: entry.batch.events.reduce((m, e) => Math.max(m, e.seq), 0),
            }
          : { text: 'Success', code: 0 };
        res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(ack));
      }
    },
    acknowledged: () =>
      receiver.requests.filter((r) => r.status !== null && r.status < 300 && r.batch).map((r) => r.batch!),
    close: () =>
      new Promise<void>((resolve) => {
        for (const { res } of held.splice(0)) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    // The uploader first asks for the collector's escrow key (GET …/enrolment): this stand-in has none.
    if (req.method === 'GET') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let batch: UploadBatch | null = null;
      try {
        batch = JSON.parse(body) as UploadBatch;
      } catch {
        batch = null; // splunk-hec bodies are newline-separated events
      }
      const entry: ReceivedRequest = { at: Date.now(), headers: req.headers, body, batch, status: null };
      receiver.requests.push(entry);
      if (req.url !== pathname) {
        entry.status = 404;
        res.writeHead(404).end();
      } else if (receiver.mode === 'hold') {
        held.push({ res, entry });
      } else {
        entry.status = receiver.mode === 'fail' ? 503 : 200;
        // The uploader counts a batch delivered only when the answer acknowledges it.
        const ack =
          receiver.mode === 'no-ack'
            ? {}
            : batch
              ? { batchId: batch.batchId, lastSeq: batch.events.reduce((m, e) => Math.max(m, e.seq), 0) }
              : { text: 'Success', code: 0 };
        res.writeHead(entry.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(ack));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${pathname}`;
  return receiver;
}
