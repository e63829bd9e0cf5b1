/**
 * One entry of the message protocol. `from` says who may send it:
 * - "content": content scripts and extension pages;
 * - "extension": extension pages only (reading logs, changing policy). The
 *   background refuses these from content scripts, which run beside untrusted pages.
 */
export interface Route<Req, Res, From extends Sender = Sender> {
  req: Req;
  res: Res;
  from: From;
}

export type Sender = 'content' | 'extension';
