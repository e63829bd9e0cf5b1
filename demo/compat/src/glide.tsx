/** @jsxImportSource react */
import '@glideapps/glide-data-grid/dist/index.css';
import {
  DataEditor,
  type DataEditorRef,
  type EditableGridCell,
  type GridCell,
  GridCellKind,
  type GridColumn,
  type Item,
} from '@glideapps/glide-data-grid';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { type CompatCustomer, compatCustomers, markReady } from './customers';

const FIELDS = ['id', 'name', 'cpf', 'phone', 'email', 'city'] as const;
const COLUMNS: GridColumn[] = [
  { title: 'ID', id: 'id', width: 70 },
  { title: 'Nome', id: 'name', width: 220 },
  { title: 'CPF', id: 'cpf', width: 150 },
  { title: 'Telefone', id: 'phone', width: 170 },
  { title: 'E-mail', id: 'email', width: 280 },
  { title: 'Cidade', id: 'city', width: 160 },
];

declare global {
  interface Window {
    /** For the tests and the bench: the grid's own scrolling. */
    glide?: { scrollTo(row: number): void };
  }
}

/**
 * A canvas grid: Glide Data Grid draws every cell with fillText (the DOM holds
 * only its accessibility table of the visible cells). Sort on header click, edit the city (double-click or
 * Enter), and the grid's own copy (select cells or Ctrl+A, then Ctrl+C), which
 * writes text/plain and text/html through the copy event or navigator.clipboard.
 */
function Grid() {
  const [rows, setRows] = useState(compatCustomers);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const ref = useRef<DataEditorRef>(null);
  useEffect(() => {
    window.glide = { scrollTo: (row) => ref.current?.scrollTo(0, row) };
    markReady(() => JSON.stringify(rowsRef.current));
  }, []);

  const getCellContent = useCallback(
    ([col, row]: Item): GridCell => {
      const c = rows[row] as CompatCustomer;
      const field = FIELDS[col] ?? 'id';
      const text = String(c[field]);
      return {
        kind: GridCellKind.Text,
        data: text,
        displayData: text,
        allowOverlay: field === 'city',
        readonly: field !== 'city',
      };
    },
    [rows],
  );
  const onCellEdited = useCallback(([col, row]: Item, value: EditableGridCell) => {
    if (FIELDS[col] !== 'city' || value.kind !== GridCellKind.Text) return;
    setRows((r) => r.map((c, i) => (i === row ? { ...c, city: value.data } : c)));
  }, []);
  const onHeaderClicked = useCallback((col: number) => {
    const field = FIELDS[col] ?? 'id';
    setRows((r) => [...r].sort((a, b) => String(a[field]).localeCompare(String(b[field]))));
  }, []);

  return (
    <DataEditor
      ref={ref}
      columns={COLUMNS}
      rows={rows.length}
      getCellContent={getCellContent}
      getCellsForSelection={true}
      onCellEdited={onCellEdited}
      onHeaderClicked={onHeaderClicked}
      width={1100}
      height={500}
      smoothScrollY={true}
    />
  );
}

createRoot(document.getElementById('app') as HTMLElement).render(<Grid />);
