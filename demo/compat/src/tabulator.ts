import 'tabulator-tables/dist/css/tabulator.min.css';
import { TabulatorFull as Tabulator } from 'tabulator-tables';
import { compatCustomers, markReady } from './customers';

// Tabulator with its own clipboard (`clipboard: true`): click a cell, Ctrl+C, and
// Tabulator writes every row of the table through the copy event's clipboardData.
const table = new Tabulator('#grid', {
  data: compatCustomers(),
  height: 500,
  layout: 'fitColumns',
  clipboard: true,
  clipboardCopyRowRange: 'all',
  columns: [
    { title: 'ID', field: 'id', width: 80 },
    { title: 'Nome', field: 'name' },
    { title: 'CPF', field: 'cpf' },
    { title: 'Telefone', field: 'phone' },
    { title: 'E-mail', field: 'email' },
    { title: 'Cidade', field: 'city', editor: 'input' },
  ],
});

table.on('tableBuilt', () => markReady(() => JSON.stringify(table.getData())));
(window as unknown as { table: Tabulator }).table = table;
