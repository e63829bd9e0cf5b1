import { useEffect, useMemo, useState } from 'preact/hooks';
import type { QueueRow } from '../../data/queue';

function formatWait(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(seconds % 60).padStart(2, '0')}`;
}

const STATUS_CLASS: Record<QueueRow['status'], string> = {
  Aguardando: 'badge warn',
  Atendendo: 'badge',
  Retorno: 'badge muted',
};

export function QueueApp({ rows, tickMs }: { rows: QueueRow[]; tickMs: number }) {
  const [query, setQuery] = useState('');
  const [elapsed, setElapsed] = useState(0);

  useEffect(() => {
    if (tickMs <= 0) return;
    const timer = setInterval(() => setElapsed((s) => s + Math.max(1, Math.round(tickMs / 1000))), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return rows;
    const digitsOnly = q.replace(/\D/g, '');
    return rows.filter(
      (r) =>
        r.name.toLowerCase().includes(q) ||
        r.email.includes(q) ||
        r.protocol.toLowerCase().includes(q) ||
        (digitsOnly.length >= 3 &&
          (r.cpf.replace(/\D/g, '').includes(digitsOnly) || r.phone.replace(/\D/g, '').includes(digitsOnly))),
    );
  }, [rows, query]);

  const waiting = rows.filter((r) => r.status === 'Aguardando').length;

  return (
    <>
      <div class="page-head">
        <div>
          <h1>Fila de atendimento</h1>
          <p>
            <span data-testid="queue-count">{rows.length.toLocaleString('pt-BR')}</span> clientes · {waiting}{' '}
            aguardando
          </p>
        </div>
        <div class="toolbar" style={{ minWidth: '320px' }}>
          <label for="queue-search" class="sr-only" style={{ margin: 0 }}>
            Buscar
          </label>
          <input
            id="queue-search"
            type="search"
            placeholder="Buscar por nome, CPF, telefone ou protocolo"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
      </div>
      {/* A scrolling region takes focus so keyboard users can scroll it (WCAG 2.1.1). */}
      <section
        class="card"
        style={{ padding: 0, overflow: 'auto' }}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
        tabIndex={0}
        aria-label="Fila de atendimento"
      >
        <table class="data" data-testid="queue-table">
          <thead>
            <tr>
              <th scope="col">Protocolo</th>
              <th scope="col">Cliente</th>
              <th scope="col">CPF</th>
              <th scope="col">Telefone</th>
              <th scope="col">E-mail</th>
              <th scope="col">UF</th>
              <th scope="col">Canal</th>
              <th scope="col">Situação</th>
              <th scope="col">Espera</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
              <tr key={r.protocol} data-row={r.position}>
                <td>{r.protocol}</td>
                <td>{r.name}</td>
                <td data-field="cpf">{r.cpf}</td>
                <td data-field="phone">{r.phone}</td>
                <td data-field="email">{r.email}</td>
                <td title={r.city}>{r.uf}</td>
                <td>{r.channel}</td>
                <td>
                  <span class={STATUS_CLASS[r.status]}>{r.status}</span>
                </td>
                <td>{formatWait(r.waitSeconds + elapsed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
