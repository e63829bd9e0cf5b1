import { AllCommunityModule, createGrid, type GridApi, ModuleRegistry } from 'ag-grid-community';
import { type CompatCustomer, compatCustomers, markReady } from './customers';

ModuleRegistry.registerModules([AllCommunityModule]);

// AG Grid Community: virtualised rows and columns, sort on header click, cell
// editing, selectable cell text.
const api: GridApi<CompatCustomer> = createGrid(document.getElementById('grid') as HTMLElement, {
  rowData: compatCustomers(),
  columnDefs: [
    { field: 'id', width: 80 },
    { field: 'name', headerName: 'Nome' },
    { field: 'cpf', headerName: 'CPF' },
    { field: 'phone', headerName: 'Telefone' },
    { field: 'email', headerName: 'E-mail', width: 260 },
    { field: 'city', headerName: 'Cidade', editable: true },
  ],
  defaultColDef: { sortable: true },
  // What CRMs turn on so agents can select and copy cell text (off, cells are user-select: none).
  enableCellTextSelection: true,
  ensureDomOrder: true,
  onFirstDataRendered: () =>
    markReady(() => {
      const rows: CompatCustomer[] = [];
      api.forEachNode((n) => n.data && rows.push(n.data));
      return JSON.stringify(rows);
    }),
});
(window as unknown as { gridApi: GridApi<CompatCustomer> }).gridApi = api;
