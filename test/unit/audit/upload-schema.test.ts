import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../../src/core/audit/log-export';
import { BATCH_SIZE } from '../../../src/core/audit/upload-format';
import { buildChain } from './fixtures';

// The published schema must describe exactly what the extension sends (no
// validator dependency: the fields and fixed values are compared directly).
const schema = JSON.parse(readFileSync('docs/upload-format.schema.json', 'utf8'));

describe('docs/upload-format.schema.json', () => {
  it('lists exactly the fields of a record, and forbids others', async () => {
    const [record] = await buildChain(1);
    const event = schema.$defs.event;
    expect([...event.required].sort()).toEqual(Object.keys(record!).sort());
    expect(Object.keys(event.properties).sort()).toEqual(Object.keys(record!).sort());
    expect(event.additionalProperties).toBe(false);
    expect([...CSV_COLUMNS].sort()).toEqual(Object.keys(record!).sort());
  });

  it('matches the batch envelope and its constants', () => {
    expect(schema.properties.schema.const).toBe('sigilo.events/v1');
    expect([...schema.required].sort()).toEqual(
      [
        'agentId',
        'batchId',
        'chainHead',
        'events',
        'extensionVersion',
        'installId',
        'schema',
        'sentAt',
      ].sort(),
    );
    expect(schema.properties.events.maxItems).toBe(BATCH_SIZE);
  });

  it('its patterns accept real ids and hashes', async () => {
    const [record] = await buildChain(1);
    expect(new RegExp(schema.$defs.sha256.pattern).test(record!.hash)).toBe(true);
    const { ulid } = await import('../../../src/core/audit/ulid');
    expect(new RegExp(schema.$defs.ulid.pattern).test(ulid())).toBe(true);
  });
});
