import { describe, expect, it } from 'vitest';
import { median, volumeSpikes } from '../../src/collector/review/volume-spikes';

describe('unusual volume across agents', () => {
  it('flags an agent-hour far above the team median, not the busy-but-usual ones', () => {
    const rows = [
      { agentId: 'ana', bucket: '2026-11-28T09', count: 3 },
      { agentId: 'bruno', bucket: '2026-11-28T09', count: 4 },
      { agentId: 'carla', bucket: '2026-11-28T09', count: 2 },
      { agentId: 'ana', bucket: '2026-11-28T10', count: 5 },
      { agentId: 'bruno', bucket: '2026-11-28T10', count: 25 },
      { agentId: 'carla', bucket: '2026-11-28T10', count: 9 },
    ];
    expect(median(rows.map((r) => r.count))).toBe(4.5);
    expect(volumeSpikes(rows)).toEqual([
      { agentId: 'bruno', bucket: '2026-11-28T10', count: 25, median: 4.5 },
    ]);
  });

  it('needs at least 10 reveals: a quiet team does not make 3 reveals a spike', () => {
    expect(
      volumeSpikes([
        { agentId: 'ana', bucket: 'h1', count: 1 },
        { agentId: 'bruno', bucket: 'h1', count: 3 },
        { agentId: 'carla', bucket: 'h1', count: 1 },
      ]),
    ).toEqual([]);
    expect(volumeSpikes([])).toEqual([]);
  });
});
