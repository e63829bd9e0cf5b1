// The peer's whole process for the CLI bench: read a file in 64 KB blocks, redact each block with
// @redactpii/node, write the result. Plain ESM run by node, like the bundled Sigilo CLI it is
// compared with, so neither pays for TypeScript compilation.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { Redactor } from '@redactpii/node';

const redactor = new Redactor({});
const decoder = new StringDecoder('utf8');
for await (const block of createReadStream(process.argv[2], { highWaterMark: 64 * 1024 })) {
  if (!process.stdout.write(redactor.redact(decoder.write(block)))) await once(process.stdout, 'drain');
}
process.stdout.write(redactor.redact(decoder.end()));
