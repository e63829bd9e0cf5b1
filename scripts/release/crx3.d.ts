// crx3 ships no types; this is the part of its API the packager uses.
declare module 'crx3' {
  import type { Readable } from 'node:stream';

  interface Crx3Options {
    crxPath: string;
    keyPath: string;
  }

  interface Crx3Result {
    /** The extension ID the signing key gives (a-p letters). */
    appId: string;
  }

  export default function writeCRX3File(zip: Readable, options: Crx3Options): Promise<Crx3Result>;
}
