import type { AuditRecord } from '../../src/core/audit/types';
import type { FakeInstall } from './helpers';

/**
 * A stretch of an agent's shift as the extension records it
 * (src/background/handlers/reveal.ts): reveals each followed by the re-mask
 * record that copies the reveal and names it in refId, a reveal over the
 * limits (allowed, flagged, with its anomaly record), a refused one (with
 * its anomaly record), and a burst of cancelled attempts (an anomaly record).
 */
export async function appendShift(
  install: FakeInstall,
  start: number,
  values: { cpf?: string; stepSeconds?: number } = {},
): Promise<{ hidden: AuditRecord; timed: AuditRecord; flagged: AuditRecord; refused: AuditRecord }> {
  // Ten minutes between reveals unless told; the durations shown (42 s, 30 s) do not depend on it.
  const step = (values.stepSeconds ?? 600) / 600;
  const at = (seconds: number) => new Date(start + seconds * step * 1000).toISOString();
  const reveal = (seconds: number, fields: Partial<AuditRecord>, value?: string) =>
    install.append(
      {
        requestedAt: at(seconds),
        revealedAt: new Date(Date.parse(at(seconds)) + 5000).toISOString(),
        remaskedAt: null,
        ...fields,
      },
      value,
    );
  const remask = (of: AuditRecord, afterSeconds: number, cause: 'hide' | 'timer') => {
    const { hash: _h, prevHash: _p, seq: _s, id: _i, ...fields } = of;
    return install.append({
      ...fields,
      type: 'remask',
      remaskedAt: new Date(Date.parse(of.revealedAt ?? of.requestedAt) + afterSeconds * 1000).toISOString(),
      reasonText: null,
      flags: [`remask:${cause}`],
      refId: of.id,
    });
  };
  const hidden = await reveal(0, { kind: 'CPF', reasonId: 'customer-request' }, values.cpf);
  await remask(hidden, 42, 'hide');
  const timed = await reveal(600, { kind: 'BANK_ACCOUNT', reasonId: 'identity-check' });
  await remask(timed, 30, 'timer');
  const flagged = await reveal(1200, {
    kind: 'DATE_OF_BIRTH',
    reasonId: 'legal-obligation',
    flags: ['over-limit', 'limit-per-five-minutes'],
  });
  const { hash: _h, prevHash: _p, seq: _s, id: _i, ...flaggedFields } = flagged;
  await install.append({
    ...flaggedFields,
    type: 'anomaly',
    flags: ['limit-per-five-minutes'],
    refId: flagged.id,
  });
  const refused = await reveal(1500, {
    kind: 'PHONE',
    reasonId: 'customer-request',
    outcome: 'refused',
    revealedAt: null,
    refusedReason: 'limit-per-hour',
  });
  const { hash: _h2, prevHash: _p2, seq: _s2, id: _i2, ...refusedFields } = refused;
  await install.append({ ...refusedFields, type: 'anomaly', flags: ['limit-per-hour'], refId: refused.id });
  await install.append({
    type: 'anomaly',
    requestedAt: at(1800),
    revealedAt: null,
    kind: 'EMAIL',
    reasonId: null,
    outcome: 'cancelled',
    flags: ['attempts-over-40'],
  });
  return { hidden, timed, flagged, refused };
}
