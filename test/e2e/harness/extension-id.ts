/** Fixed by the manifest `key` (see README): the same on every machine. */
export const EXTENSION_ID = 'baccbjmclojglbemmmnkcnohhkdejlcg';
