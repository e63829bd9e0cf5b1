/** @jsxImportSource react */
// Real React (not preact/compat): React writes a controlled input's value through
// its own value tracker, which is what a masker must not disturb.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FORMS } from '../../data/pages';

function QuickLookup() {
  const [cpf, setCpf] = useState<string>(FORMS.reactCpf);
  const digits = cpf.replace(/\D/g, '');
  return (
    <div className="form-grid">
      <div>
        <label htmlFor="react-cpf">CPF para consulta</label>
        <input id="react-cpf" name="react-cpf" value={cpf} onChange={(e) => setCpf(e.target.value)} />
      </div>
      <div>
        <label htmlFor="react-echo">Consulta montada</label>
        <p id="react-echo" data-testid="react-echo" style={{ margin: '8px 0 0' }}>
          {digits.length === 11 ? `Consultando CPF ${cpf}` : `Digite os 11 dígitos (${digits.length}/11)`}
        </p>
      </div>
    </div>
  );
}

export function mountReactIsland(container: HTMLElement): void {
  createRoot(container).render(<QuickLookup />);
}
