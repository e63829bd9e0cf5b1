import { type DetectorType, isDetectorType } from '../core/detect/types';

/**
 * Every string Sigilo shows inside a page (and in its reveal frame), in pt-BR,
 * en and es. The browser's UI language decides (pt-* -> pt-BR, es-* -> es,
 * anything else -> en).
 */
export type Lang = 'pt' | 'en' | 'es';

export function pageLang(language: string = navigator.language): Lang {
  const l = language.toLowerCase();
  return l.startsWith('pt') ? 'pt' : l.startsWith('es') ? 'es' : 'en';
}

/** What a person calls each kind of value: internal names (BANK_ACCOUNT) never reach a screen. */
const KIND_NAMES: Record<DetectorType, { pt: string; en: string; es: string }> = {
  CPF: { pt: 'CPF', en: 'CPF', es: 'CPF' },
  CNPJ: { pt: 'CNPJ', en: 'CNPJ', es: 'CNPJ' },
  CARD: { pt: 'Cartão', en: 'Card', es: 'Tarjeta' },
  EMAIL: { pt: 'E-mail', en: 'E-mail', es: 'Correo' },
  PHONE: { pt: 'Telefone', en: 'Phone', es: 'Teléfono' },
  CEP: { pt: 'CEP', en: 'Postal code (CEP)', es: 'Código postal (CEP)' },
  PIS: { pt: 'PIS/PASEP', en: 'PIS/PASEP', es: 'PIS/PASEP' },
  CNH: { pt: 'CNH', en: "Driver's licence (CNH)", es: 'Licencia de conducir (CNH)' },
  CNS: { pt: 'Cartão SUS', en: 'Health card (CNS)', es: 'Tarjeta de salud (CNS)' },
  RG: { pt: 'RG', en: 'ID card (RG)', es: 'Documento de identidad (RG)' },
  IBAN: { pt: 'IBAN', en: 'IBAN', es: 'IBAN' },
  IP: { pt: 'Endereço IP', en: 'IP address', es: 'Dirección IP' },
  SSN: { pt: 'SSN', en: 'SSN', es: 'SSN' },
  BANK_ACCOUNT: { pt: 'Conta bancária', en: 'Bank account', es: 'Cuenta bancaria' },
  DATE_OF_BIRTH: { pt: 'Data de nascimento', en: 'Date of birth', es: 'Fecha de nacimiento' },
  NAME: { pt: 'Nome', en: 'Name', es: 'Nombre' },
  ADDRESS: { pt: 'Endereço', en: 'Address', es: 'Dirección' },
};

/** A detector type by its name for people; an admin rule's own label as it is. */
export function kindName(lang: Lang, label: string): string {
  return isDetectorType(label) ? KIND_NAMES[label][lang] : label;
}

/** A policy reason's label: the policy writes pt and en; Spanish readers get the English one. */
export function reasonLabel(label: { pt: string; en: string }, lang: Lang): string {
  return lang === 'es' ? label.en : label[lang];
}

const STRINGS = {
  dialogTitle: { pt: 'Revelar valor protegido', en: 'Reveal protected value', es: 'Revelar valor protegido' },
  dialogIntro: {
    pt: 'Informe o motivo. A revelação fica registrada.',
    en: 'Give a reason. The reveal is recorded.',
    es: 'Indique el motivo. La revelación queda registrada.',
  },
  revealDuration: {
    pt: 'O valor fica visível por {s} segundos e volta a ser mascarado.',
    en: 'The value stays visible for {s} seconds, then is masked again.',
    es: 'El valor queda visible por {s} segundos y luego vuelve a ocultarse.',
  },
  expired: {
    pt: 'Este pedido de revelação expirou; feche e clique no valor de novo.',
    en: 'This reveal request expired; close it and click the value again.',
    es: 'Esta solicitud de revelación expiró; ciérrela y haga clic en el valor de nuevo.',
  },
  frameTitle: {
    pt: 'Sigilo: revelar valor protegido',
    en: 'Sigilo: reveal a protected value',
    es: 'Sigilo: revelar un valor protegido',
  },
  a11yMasked: {
    pt: '{kind} protegido — Enter para revelar',
    en: 'Protected {kind} — press Enter to reveal',
    es: '{kind} protegido — Enter para revelar',
  },
  a11yMaskedTail: {
    pt: '{kind} protegido, final {tail} — Enter para revelar',
    en: 'Protected {kind}, ending {tail} — press Enter to reveal',
    es: '{kind} protegido, termina en {tail} — Enter para revelar',
  },
  kindLabel: { pt: 'Tipo', en: 'Kind', es: 'Tipo' },
  maskedLabel: { pt: 'Valor', en: 'Value', es: 'Valor' },
  reasonLegend: { pt: 'Motivo', en: 'Reason', es: 'Motivo' },
  reasonText: { pt: 'Descreva o motivo', en: 'Describe the reason', es: 'Describa el motivo' },
  reasonRequired: { pt: 'Escolha um motivo.', en: 'Choose a reason.', es: 'Elija un motivo.' },
  reasonTextRequired: {
    pt: 'O motivo "{reason}" exige uma descrição.',
    en: 'The reason "{reason}" requires a description.',
    es: 'El motivo "{reason}" requiere una descripción.',
  },
  confirm: { pt: 'Revelar', en: 'Reveal', es: 'Revelar' },
  cancel: { pt: 'Cancelar', en: 'Cancel', es: 'Cancelar' },
  close: { pt: 'Fechar', en: 'Close', es: 'Cerrar' },
  recording: { pt: 'Registrando…', en: 'Recording…', es: 'Registrando…' },
  refusedTitle: { pt: 'Nada foi revelado', en: 'Nothing was revealed', es: 'No se reveló nada' },
  sendFailed: {
    pt: 'Não foi possível registrar a revelação; nada foi revelado.',
    en: 'The reveal could not be recorded; nothing was revealed.',
    es: 'No se pudo registrar la revelación; no se reveló nada.',
  },
  contextLost: {
    pt: 'O Sigilo foi atualizado. Recarregue a página para revelar valores.',
    en: 'Sigilo was updated. Reload the page to reveal values.',
    es: 'Sigilo se actualizó. Recargue la página para revelar valores.',
  },
  revealedFor: {
    pt: '{kind} revelado — oculta em {s} s',
    en: '{kind} revealed — hides in {s} s',
    es: '{kind} revelado — se oculta en {s} s',
  },
  hide: { pt: 'Ocultar', en: 'Hide', es: 'Ocultar' },
  listTitle: {
    pt: 'Valores protegidos nesta página',
    en: 'Protected values on this page',
    es: 'Valores protegidos en esta página',
  },
  listEmpty: {
    pt: 'Nenhum valor protegido nesta página.',
    en: 'No protected values on this page.',
    es: 'No hay valores protegidos en esta página.',
  },
  listReveal: {
    pt: 'Revelar {kind} {display}',
    en: 'Reveal {kind} {display}',
    es: 'Revelar {kind} {display}',
  },
  listRevealed: {
    pt: '{kind} {display} (revelado)',
    en: '{kind} {display} (revealed)',
    es: '{kind} {display} (revelado)',
  },
  focusHint: {
    pt: 'Valor protegido. Pressione Enter para revelar.',
    en: 'Protected value. Press Enter to reveal.',
    es: 'Valor protegido. Pulse Enter para revelar.',
  },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  let s: string = STRINGS[key][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}
