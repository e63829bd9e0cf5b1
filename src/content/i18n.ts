/**
 * Every string Sigilo shows inside a page, in pt-BR and en. The browser's UI
 * language decides (pt-* -> pt-BR, anything else -> en), as agents in Brazil use
 * pt-BR browsers and the rest of the team reads English.
 */
export type Lang = 'pt' | 'en';

export function pageLang(language: string = navigator.language): Lang {
  return language.toLowerCase().startsWith('pt') ? 'pt' : 'en';
}

const STRINGS = {
  dialogTitle: { pt: 'Revelar valor protegido', en: 'Reveal protected value' },
  dialogIntro: {
    pt: 'Informe o motivo. A revelação fica registrada.',
    en: 'Give a reason. The reveal is recorded.',
  },
  revealDuration: {
    pt: 'O valor fica visível por {s} segundos e volta a ser mascarado.',
    en: 'The value stays visible for {s} seconds, then is masked again.',
  },
  expired: {
    pt: 'Este pedido de revelação expirou; feche e clique no valor de novo.',
    en: 'This reveal request expired; close it and click the value again.',
  },
  frameTitle: { pt: 'Sigilo: revelar valor protegido', en: 'Sigilo: reveal a protected value' },
  a11yMasked: { pt: '{kind} protegido — Enter para revelar', en: 'Protected {kind} — press Enter to reveal' },
  a11yMaskedTail: {
    pt: '{kind} protegido, final {tail} — Enter para revelar',
    en: 'Protected {kind}, ending {tail} — press Enter to reveal',
  },
  kindLabel: { pt: 'Tipo', en: 'Kind' },
  maskedLabel: { pt: 'Valor', en: 'Value' },
  reasonLegend: { pt: 'Motivo', en: 'Reason' },
  reasonText: { pt: 'Descreva o motivo', en: 'Describe the reason' },
  reasonRequired: { pt: 'Escolha um motivo.', en: 'Choose a reason.' },
  reasonTextRequired: {
    pt: 'O motivo "{reason}" exige uma descrição.',
    en: 'The reason "{reason}" requires a description.',
  },
  confirm: { pt: 'Revelar', en: 'Reveal' },
  cancel: { pt: 'Cancelar', en: 'Cancel' },
  close: { pt: 'Fechar', en: 'Close' },
  recording: { pt: 'Registrando…', en: 'Recording…' },
  refusedTitle: { pt: 'Nada foi revelado', en: 'Nothing was revealed' },
  sendFailed: {
    pt: 'Não foi possível registrar a revelação; nada foi revelado.',
    en: 'The reveal could not be recorded; nothing was revealed.',
  },
  contextLost: {
    pt: 'O Sigilo foi atualizado. Recarregue a página para revelar valores.',
    en: 'Sigilo was updated. Reload the page to reveal values.',
  },
  revealedFor: { pt: '{kind} revelado — oculta em {s} s', en: '{kind} revealed — hides in {s} s' },
  hide: { pt: 'Ocultar', en: 'Hide' },
  listTitle: { pt: 'Valores protegidos nesta página', en: 'Protected values on this page' },
  listEmpty: { pt: 'Nenhum valor protegido nesta página.', en: 'No protected values on this page.' },
  listReveal: { pt: 'Revelar {kind} {display}', en: 'Reveal {kind} {display}' },
  listRevealed: { pt: '{kind} {display} (revelado)', en: '{kind} {display} (revealed)' },
  focusHint: {
    pt: 'Valor protegido. Pressione Enter para revelar.',
    en: 'Protected value. Press Enter to reveal.',
  },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey, vars: Record<string, string | number> = {}): string {
  let s: string = STRINGS[key][lang];
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}
