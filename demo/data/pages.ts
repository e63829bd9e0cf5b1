import type { Customer } from './customer';
import { genCard, genCnpj, genCpf, genEmail, genMobile } from './generators';
import { CUSTOMERS, RECORD } from './record';
import { createRng } from './rng';

const second = CUSTOMERS[1] as Customer;
const third = CUSTOMERS[2] as Customer;
const rng = createRng('sigilo-demo:pages');

/**
 * Values on forms.html. Static ones are written into the HTML at build time
 * (demo/vite.config.ts), so they are in the document before any script runs.
 */
export const FORMS = {
  /** <input id="titular-cpf" value="…"> */
  inputCpf: RECORD.cpf,
  /** <input id="cartao" value="…"> */
  inputCard: RECORD.card,
  /** <input type="hidden" name="cpf-hidden" value="…"> */
  hiddenCpf: second.cpf,
  /** placeholder="ex.: …" */
  placeholderCpf: genCpf(rng),
  /** title="…" on the phone input */
  titlePhone: RECORD.phone,
  /** aria-label="…" on the e-mail input */
  ariaEmail: RECORD.email,
  /** <textarea> text containing these values */
  textareaCpf: third.cpf,
  textareaPhone: third.phone,
  /** contenteditable note containing these values */
  noteEmail: second.email,
  noteCard: second.card,
  /** <option> text in the contact select */
  selectPhone: second.phone,
  /** React-controlled <input> (React island) */
  reactCpf: genCpf(rng),
} as const;

export const TEXTAREA_TEXT = `Cliente ligou às 10h. Confirmou CPF ${FORMS.textareaCpf} e pediu retorno no ${FORMS.textareaPhone}.`;
export const NOTE_TEXT = `Enviar 2ª via para ${FORMS.noteEmail}. Cartão final informado: ${FORMS.noteCard}.`;

/** Values on shadow.html. */
export const SHADOW = {
  /** open shadow root, attached when the element is defined */
  openCpf: RECORD.cpf,
  /** open shadow root attached after load (setTimeout, ?delay=ms) */
  lateEmail: genEmail(rng, 'Marcos Lima'),
  /** closed shadow root */
  closedPhone: genMobile(rng, 11),
  /** declarative shadow DOM (<template shadowrootmode="open">) in the static HTML */
  declarativeCnpj: genCnpj(rng),
} as const;

/** Values on iframe.html and its frames. */
export const IFRAME = {
  /** /frame-content.html, loaded in a same-origin iframe by src */
  srcCpf: second.cpf,
  srcEmail: second.email,
  /** iframe srcdoc */
  srcdocPhone: third.phone,
  /** about:blank iframe filled by script */
  blankCard: genCard(rng, 'Mastercard'),
  /** text in the top document */
  parentCnpj: RECORD.cnpj,
} as const;
