import { appendToChain, EMPTY_HEAD } from '../../../src/core/audit/chain';
import type { AuditEventBody, AuditRecord } from '../../../src/core/audit/types';

export function body(seq: number, overrides: Partial<AuditEventBody> = {}): AuditEventBody {
  return {
    id: `01J0000000000000000000${String(seq).padStart(4, '0')}`,
    seq,
    type: 'reveal',
    requestedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    revealedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
    remaskedAt: null,
    agentId: 'agent@example.com',
    agentSource: 'policy',
    installId: 'install-1',
    extensionVersion: '0.1.0',
    policyVersion: 'p1',
    origin: 'https://crm.example.com',
    path: '/record',
    kind: 'CPF',
    fingerprint: 'ab'.repeat(32),
    fingerprintKeyId: 'policy',
    reasonId: 'customer-request',
    reasonText: 'cliente pediu',
    outcome: 'revealed',
    refusedReason: null,
    flags: [],
    refId: null,
    ...overrides,
  };
}

export async function buildChain(count: number): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  let head = EMPTY_HEAD;
  for (let seq = 1; seq <= count; seq++) {
    const record = await appendToChain(head, body(seq));
    records.push(record);
    head = { seq: record.seq, hash: record.hash };
  }
  return records;
}
