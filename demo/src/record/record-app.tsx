import { useEffect, useState } from 'preact/hooks';
import type { Customer } from '../../data/customer';
import { CUSTOMERS } from '../../data/record';

interface Props {
  initialIndex: number;
  /** false (?live=0) stops every timer: a still page for screenshots and exact assertions. */
  live: boolean;
  /** Period of the rotating "contato em destaque" field (?tick=ms; 0 = never). */
  tickMs: number;
}

/** The rotating field cycles through these, so a masked value is replaced by another one in place. */
function preferredContacts(c: Customer): string[] {
  return [c.phone, c.email, c.phoneLandline];
}

function formatElapsed(seconds: number): string {
  if (seconds < 60) return `há ${seconds} s`;
  const m = Math.floor(seconds / 60);
  return `há ${m} min ${seconds % 60} s`;
}

function Field(props: { label: string; field: string; value: string; title?: string }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd data-field={props.field} title={props.title}>
        {props.value}
      </dd>
    </div>
  );
}

export function RecordApp({ initialIndex, live, tickMs }: Props) {
  const [index, setIndex] = useState(initialIndex);
  const [seconds, setSeconds] = useState(42);
  const [rotation, setRotation] = useState(0);
  const customer = CUSTOMERS[index] as Customer;
  const [cpfInput, setCpfInput] = useState(customer.cpf);
  const [checked, setChecked] = useState<null | boolean>(null);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [live]);

  useEffect(() => {
    if (!live || tickMs <= 0) return;
    const timer = setInterval(() => setRotation((r) => r + 1), tickMs);
    return () => clearInterval(timer);
  }, [live, tickMs]);

  const go = (step: number) => {
    const next = (index + step + CUSTOMERS.length) % CUSTOMERS.length;
    const nextCustomer = CUSTOMERS[next] as Customer;
    setIndex(next);
    setCpfInput(nextCustomer.cpf);
    setChecked(null);
    setSeconds(42 + next * 17);
  };

  const contacts = preferredContacts(customer);
  const preferred = contacts[rotation % contacts.length] as string;

  return (
    <>
      <div class="page-head">
        <div>
          <h1 data-field="name">{customer.name}</h1>
          <p>
            Ficha <span data-field="id">{customer.id}</span> · cliente {index + 1} de {CUSTOMERS.length} ·{' '}
            <span data-field="last-contact">Último contato {formatElapsed(seconds)}</span>
          </p>
        </div>
        <div class="toolbar">
          <button type="button" class="btn" onClick={() => go(-1)}>
            ◀ Cliente anterior
          </button>
          <button type="button" class="btn primary" data-action="next-customer" onClick={() => go(1)}>
            Próximo cliente ▶
          </button>
        </div>
      </div>

      <div class="cols-2">
        <div>
          <section class="card" aria-labelledby="h-pessoais">
            <h2 id="h-pessoais">Dados pessoais</h2>
            <dl class="fields">
              <Field label="Nome completo" field="name-full" value={customer.name} />
              <Field label="CPF" field="cpf" value={customer.cpf} title={`CPF do titular: ${customer.cpf}`} />
              <Field label="RG" field="rg" value={`${customer.rg} SSP/SP`} />
              <Field label="Data de nascimento" field="birth-date" value={customer.birthDate} />
              <Field label="PIS/PASEP" field="pis" value={customer.pis} />
              <Field label="Cartão SUS (CNS)" field="cns" value={customer.cns} />
            </dl>
          </section>

          <section class="card" aria-labelledby="h-contato">
            <h2 id="h-contato">Contato e endereço</h2>
            <dl class="fields">
              <Field label="Celular" field="phone" value={customer.phone} />
              <Field label="Telefone fixo" field="phone-landline" value={customer.phoneLandline} />
              <Field label="E-mail" field="email" value={customer.email} />
              <Field label="Contato em destaque" field="preferred-contact" value={preferred} />
              <Field label="Endereço" field="address" value={customer.address} />
              <Field label="CEP" field="cep" value={customer.cep} />
            </dl>
          </section>

          <section class="card" aria-labelledby="h-empresa">
            <h2 id="h-empresa">Empresa vinculada</h2>
            <dl class="fields">
              <Field label="Razão social" field="company" value={customer.companyName} />
              <Field label="CNPJ (matriz)" field="cnpj" value={customer.cnpj} />
              <Field
                label="CNPJ (filial, formato alfanumérico)"
                field="cnpj-alnum"
                value={customer.cnpjAlnum}
              />
            </dl>
          </section>

          <section class="card" aria-labelledby="h-pagamento">
            <h2 id="h-pagamento">Pagamento</h2>
            <dl class="fields">
              <Field label={`Cartão ${customer.cardBrand}`} field="card" value={customer.card} />
              <Field label="Validade" field="card-expiry" value={customer.cardExpiry} />
              <Field label="Banco" field="bank" value={`${customer.bankCode} · ${customer.bankName}`} />
              <Field label="Agência" field="agencia" value={customer.agencia} />
              <Field label="Conta corrente" field="conta" value={customer.conta} />
            </dl>
          </section>
        </div>

        <aside>
          <section class="card" aria-labelledby="h-verificacao">
            <h2 id="h-verificacao">Verificação de identidade</h2>
            <label for="confirm-cpf">CPF informado pelo cliente</label>
            <input
              id="confirm-cpf"
              name="confirm-cpf"
              value={cpfInput}
              onInput={(e) => setCpfInput(e.currentTarget.value)}
              autocomplete="off"
            />
            <p class="toolbar">
              <button type="button" class="btn" onClick={() => setChecked(cpfInput.trim() === customer.cpf)}>
                Conferir
              </button>
              {checked === true && <span class="badge">CPF confere</span>}
              {checked === false && <span class="badge warn">CPF não confere</span>}
            </p>
          </section>

          <section class="card" aria-labelledby="h-historico">
            <h2 id="h-historico">Histórico</h2>
            <ul class="timeline" data-field="history">
              <li>
                <time>hoje, 09:14</time>
                Cliente pediu 2ª via da fatura no e-mail {customer.email}.
              </li>
              <li>
                <time>ontem, 17:40</time>
                Ligação para {customer.phone} não atendida; retorno agendado.
              </li>
              <li>
                <time>12/11, 11:02</time>
                Atualizou o endereço para {customer.street}, {customer.streetNumber}, CEP {customer.cep}.
              </li>
              <li>
                <time>03/11, 15:27</time>
                Contestação de compra no cartão com final {customer.card.slice(-4)}.
              </li>
            </ul>
          </section>
        </aside>
      </div>
    </>
  );
}
