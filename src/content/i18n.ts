import {
  currentLocale,
  defineMessages,
  formatMessage,
  type Locale,
  localeFrom,
  type PolicyText,
  pickText,
  type Vars,
} from '../shared/i18n';
import { kindGender, kindLabel } from '../shared/i18n/labels';

/**
 * Every string Sigilo shows inside a page (and in its reveal frame), in pt-BR,
 * en and es, through the one message mechanism (src/shared/i18n). The agent's
 * choice in Sigilo's settings, else the browser's UI language, decides.
 */
export type Lang = Locale;

/** The page's UI language: the agent's setting when given, else the browser's (pt-* -> pt-BR, es-* -> es, else en). */
export function pageLang(language?: string): Lang {
  return language === undefined ? currentLocale() : localeFrom([language]);
}

/** A detector type by its name for people; an admin rule's own label as it is. */
export function kindName(lang: Lang, label: string): string {
  return kindLabel(label, lang);
}

/** A kind's name and grammatical gender, the variables of every message that names a kind. */
export function kindVars(lang: Lang, label: string): { kind: string; gender: string } {
  return { kind: kindLabel(label, lang), gender: kindGender(label, lang) };
}

/** A policy reason's label in the agent's language (Spanish falls back to English when the policy has none). */
export function reasonLabel(label: PolicyText, lang: Lang): string {
  return pickText(label, lang);
}

const STRINGS = defineMessages({
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
    pt: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}} — Enter para revelar',
    en: 'Protected {kind} — press Enter to reveal',
    es: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}} — Enter para revelar',
  },
  a11yMaskedTail: {
    pt: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}}, final {tail} — Enter para revelar',
    en: 'Protected {kind}, ending {tail} — press Enter to reveal',
    es: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}}, termina en {tail} — Enter para revelar',
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
  hide: { pt: 'Ocultar', en: 'Hide', es: 'Ocultar' },
  hideKind: { pt: 'Ocultar {kind}', en: 'Hide {kind}', es: 'Ocultar {kind}' },
  required: { pt: '(obrigatório)', en: '(required)', es: '(obligatorio)' },
  revealedAnnounce: {
    pt: '{gender, select, feminine {{kind} revelada} other {{kind} revelado}} por {s, plural, one {# segundo} other {# segundos}}. Ocultar: Enter.',
    en: '{kind} revealed for {s, plural, one {# second} other {# seconds}}. Press Enter to hide it.',
    es: '{gender, select, feminine {{kind} revelada} other {{kind} revelado}} por {s, plural, one {# segundo} other {# segundos}}. Ocultar: Enter.',
  },
  hiddenAnnounce: {
    pt: '{gender, select, feminine {{kind} ocultada} other {{kind} ocultado}} de novo.',
    en: '{kind} hidden again.',
    es: '{gender, select, feminine {{kind} ocultada} other {{kind} ocultado}} de nuevo.',
  },
  hoverHint: {
    pt: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}} — clique para revelar (lista: Alt+Shift+M)',
    en: 'Protected {kind} — click to reveal (list: Alt+Shift+M)',
    es: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}} — haga clic para revelar (lista: Alt+Shift+M)',
  },
  fieldHint: {
    pt: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}} — clique ou Enter para revelar',
    en: 'Protected {kind} — click or press Enter to reveal',
    es: '{gender, select, feminine {{kind} protegida} other {{kind} protegido}} — haga clic o pulse Enter para revelar',
  },
  entryPointNoCount: {
    pt: 'Valores protegidos nesta página — abrir a lista (Alt+Shift+M)',
    en: 'Protected values on this page — open the list (Alt+Shift+M)',
    es: 'Valores protegidos en esta página — abrir la lista (Alt+Shift+M)',
  },
  entryPoint: {
    pt: '{n, plural, one {# valor protegido} other {# valores protegidos}} nesta página — abrir a lista (Alt+Shift+M)',
    en: '{n, plural, one {# protected value} other {# protected values}} on this page — open the list (Alt+Shift+M)',
    es: '{n, plural, one {# valor protegido} other {# valores protegidos}} en esta página — abrir la lista (Alt+Shift+M)',
  },
  listFilter: {
    pt: 'Filtrar por tipo, campo, coluna ou linha',
    en: 'Filter by kind, field, column or row',
    es: 'Filtrar por tipo, campo, columna o fila',
  },
  listFilterPlaceholder: { pt: 'Ex.: CPF 500', en: 'E.g. CPF 500', es: 'Ej.: CPF 500' },
  listHint: {
    pt: 'Digite para filtrar; setas para escolher; Enter para revelar; Esc para fechar.',
    en: 'Type to filter; arrows to choose; Enter to reveal; Esc to close.',
    es: 'Escriba para filtrar; flechas para elegir; Enter para revelar; Esc para cerrar.',
  },
  listCount: {
    pt: '{n, plural, =0 {Nenhum valor encontrado} one {# valor} other {# valores}}',
    en: '{n, plural, =0 {No value found} one {# value} other {# values}}',
    es: '{n, plural, =0 {Ningún valor encontrado} one {# valor} other {# valores}}',
  },
  listCountMore: {
    pt: 'Mostrando {shown, number} de {n, number} valores — digite para filtrar',
    en: 'Showing {shown, number} of {n, number} values — type to filter',
    es: 'Mostrando {shown, number} de {n, number} valores — escriba para filtrar',
  },
  listRow: { pt: 'linha {n}', en: 'row {n}', es: 'fila {n}' },
  listInFrame: { pt: 'em um quadro da página', en: 'in a frame of the page', es: 'en un marco de la página' },
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
    pt: '{kind} {display} ({gender, select, feminine {revelada} other {revelado}})',
    en: '{kind} {display} (revealed)',
    es: '{kind} {display} ({gender, select, feminine {revelada} other {revelado}})',
  },
});

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey, vars?: Vars): string {
  return formatMessage(STRINGS[key][lang], lang, vars);
}

/** Every message of the page and the reveal frame, for the catalog test. */
export const CONTENT_MESSAGES = STRINGS;
