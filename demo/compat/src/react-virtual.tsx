/** @jsxImportSource react */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { type CompatCustomer, compatCustomers, markReady } from './customers';

const ROW_HEIGHT = 32;
const line = (c: CompatCustomer) => [c.id, c.name, c.cpf, c.phone, c.email, c.city].join('\t');
const escapeHtml = (s: string) => s.replace(/[&<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * A React list virtualised with TanStack Virtual (only the visible rows are in
 * the DOM, re-rendered on scroll), with what CRM lists add around it: sort,
 * inline edit (click a city) and the app's own "copy" buttons, one
 * through writeText and one through a text/html ClipboardItem.
 */
function CustomerList() {
  const [rows, setRows] = useState(compatCustomers);
  const [editing, setEditing] = useState<number | null>(null);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
  });
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  useEffect(() => markReady(() => JSON.stringify(rowsRef.current)), []);

  const sortByName = () => setRows((r) => [...r].sort((a, b) => a.name.localeCompare(b.name)));
  const copyText = () => void navigator.clipboard.writeText(rows.map(line).join('\n'));
  const copyHtml = () => {
    const html = `<table>${rows
      .map(
        (c) =>
          `<tr><td>${escapeHtml(c.name)}</td><td>${c.cpf}</td><td>${c.phone}</td><td>${escapeHtml(c.email)}</td></tr>`,
      )
      .join('')}</table>`;
    void navigator.clipboard.write([
      new ClipboardItem({
        'text/plain': new Blob([rows.map(line).join('\n')], { type: 'text/plain' }),
        'text/html': new Blob([html], { type: 'text/html' }),
      }),
    ]);
  };
  const commit = (id: number, city: string) => {
    setRows((r) => r.map((c) => (c.id === id ? { ...c, city } : c)));
    setEditing(null);
  };

  return (
    <>
      <div className="toolbar">
        <button type="button" id="sort" onClick={sortByName}>
          Ordenar por nome
        </button>
        <button type="button" id="copy-text" onClick={copyText}>
          Copiar lista
        </button>
        <button type="button" id="copy-html" onClick={copyHtml}>
          Copiar tabela
        </button>
      </div>
      <div id="list" ref={parent} style={{ height: 500, width: 1100, overflow: 'auto' }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const c = rows[v.index] as CompatCustomer;
            return (
              <div
                key={c.id}
                className="row"
                data-id={c.id}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                  display: 'flex',
                  gap: 16,
                }}
              >
                <span className="id" style={{ width: 60 }}>
                  {c.id}
                </span>
                <span className="name" style={{ width: 240 }}>
                  {c.name}
                </span>
                <span className="cpf" style={{ width: 140 }}>
                  {c.cpf}
                </span>
                <span className="phone" style={{ width: 160 }}>
                  {c.phone}
                </span>
                <span className="email" style={{ width: 300 }}>
                  {c.email}
                </span>
                {editing === c.id ? (
                  <input
                    className="city-editor"
                    defaultValue={c.city}
                    // biome-ignore lint/a11y/noAutofocus: the editor opens where the agent double-clicked
                    autoFocus
                    onKeyDown={(e) => e.key === 'Enter' && commit(c.id, e.currentTarget.value)}
                  />
                ) : (
                  <button type="button" className="city" onClick={() => setEditing(c.id)}>
                    {c.city}
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}

createRoot(document.getElementById('app') as HTMLElement).render(<CustomerList />);
