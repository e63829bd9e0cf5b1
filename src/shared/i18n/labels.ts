import { type DetectorType, isDetectorType } from '../../core/detect/types';
import { DEFAULT_REASONS } from '../../core/policy/defaults';
import { defineMessages, formatMessage, type Locale, pickText, type Text } from './index';

/**
 * Human names for every code Sigilo records or shows: kinds of value, reasons,
 * outcomes, flags, refusal causes, agent sources, integrity states. Internal
 * codes (BANK_ACCOUNT, remask:hide, over-limit) never reach a screen: every
 * surface goes through these functions, and an unknown code is described in
 * words rather than shown raw.
 */

/** Grammatical gender of a kind's name, for ICU `select` ("CPF revelado", "Conta bancária revelada"). */
export type Gender = 'masculine' | 'feminine';
interface KindName extends Text {
  /** Gender in pt and es (English needs none). */
  g: { pt: Gender; es: Gender };
}

const M = 'masculine' as const;
const F = 'feminine' as const;

export const KIND_NAMES: Record<DetectorType, KindName> = {
  CPF: { pt: 'CPF', en: 'CPF', es: 'CPF', g: { pt: M, es: M } },
  CNPJ: { pt: 'CNPJ', en: 'CNPJ', es: 'CNPJ', g: { pt: M, es: M } },
  CARD: { pt: 'Cartão', en: 'Card', es: 'Tarjeta', g: { pt: M, es: F } },
  EMAIL: { pt: 'E-mail', en: 'E-mail', es: 'Correo', g: { pt: M, es: M } },
  PHONE: { pt: 'Telefone', en: 'Phone', es: 'Teléfono', g: { pt: M, es: M } },
  CEP: { pt: 'CEP', en: 'Postal code (CEP)', es: 'Código postal (CEP)', g: { pt: M, es: M } },
  PIS: { pt: 'PIS/PASEP', en: 'PIS/PASEP', es: 'PIS/PASEP', g: { pt: M, es: M } },
  CNH: { pt: 'CNH', en: "Driver's licence (CNH)", es: 'Licencia de conducir (CNH)', g: { pt: F, es: F } },
  CNS: { pt: 'Cartão SUS', en: 'Health card (CNS)', es: 'Tarjeta de salud (CNS)', g: { pt: M, es: F } },
  RG: { pt: 'RG', en: 'ID card (RG)', es: 'Documento de identidad (RG)', g: { pt: M, es: M } },
  IBAN: { pt: 'IBAN', en: 'IBAN', es: 'IBAN', g: { pt: M, es: M } },
  IP: { pt: 'Endereço IP', en: 'IP address', es: 'Dirección IP', g: { pt: M, es: F } },
  SSN: { pt: 'SSN', en: 'SSN', es: 'SSN', g: { pt: M, es: M } },
  BANK_ACCOUNT: { pt: 'Conta bancária', en: 'Bank account', es: 'Cuenta bancaria', g: { pt: F, es: F } },
  DATE_OF_BIRTH: {
    pt: 'Data de nascimento',
    en: 'Date of birth',
    es: 'Fecha de nacimiento',
    g: { pt: F, es: F },
  },
  NAME: { pt: 'Nome', en: 'Name', es: 'Nombre', g: { pt: M, es: M } },
  ADDRESS: { pt: 'Endereço', en: 'Address', es: 'Dirección', g: { pt: M, es: F } },
};

const WORDS = defineMessages({
  field: { pt: 'Campo', en: 'Field', es: 'Campo' },
  fieldRule: { pt: 'Campo “{id}”', en: 'Field “{id}”', es: 'Campo “{id}”' },
  reveal: { pt: 'Revelação', en: 'Reveal', es: 'Revelación' },
  remask: { pt: 'Ocultação', en: 'Hidden again', es: 'Ocultación' },
  anomaly: { pt: 'Anomalia', en: 'Anomaly', es: 'Anomalía' },
  revealed: { pt: 'Revelado', en: 'Revealed', es: 'Revelado' },
  cancelled: { pt: 'Cancelado', en: 'Cancelled', es: 'Cancelado' },
  refused: { pt: 'Recusado', en: 'Refused', es: 'Rechazado' },
  'over-limit': { pt: 'Acima do limite', en: 'Over the limit', es: 'Por encima del límite' },
  'limit-per-five-minutes': {
    pt: 'Limite de 5 minutos atingido',
    en: '5-minute limit reached',
    es: 'Límite de 5 minutos alcanzado',
  },
  'limit-per-hour': {
    pt: 'Limite por hora atingido',
    en: 'Hourly limit reached',
    es: 'Límite por hora alcanzado',
  },
  'attempts-over': {
    pt: 'Mais de {n, number} tentativas de revelação',
    en: 'More than {n, number} reveal attempts',
    es: 'Más de {n, number} intentos de revelación',
  },
  'remask:timer': { pt: 'Ocultado pelo tempo', en: 'Hidden when time ran out', es: 'Ocultado por tiempo' },
  'remask:hide': { pt: 'Ocultado pelo atendente', en: 'Hidden by the agent', es: 'Ocultado por el agente' },
  'remask:navigation': {
    pt: 'Ocultado ao sair da página',
    en: 'Hidden on leaving the page',
    es: 'Ocultado al salir de la página',
  },
  'storage-quota': {
    pt: 'Sem espaço para registrar',
    en: 'No room left to record',
    es: 'Sin espacio para registrar',
  },
  'storage-unavailable': {
    pt: 'Registro indisponível',
    en: 'Log unavailable',
    es: 'Registro no disponible',
  },
  invalid: {
    pt: 'Pedido inválido ({field})',
    en: 'Invalid request ({field})',
    es: 'Solicitud inválida ({field})',
  },
  unknownCode: { pt: 'Outro motivo', en: 'Other cause', es: 'Otra causa' },
  policy: { pt: 'Política da organização', en: 'Organization policy', es: 'Política de la organización' },
  profile: { pt: 'Conta do navegador', en: 'Browser account', es: 'Cuenta del navegador' },
  local: { pt: 'Informado pelo atendente', en: 'Set by the agent', es: 'Indicado por el agente' },
  unknown: { pt: 'Desconhecido', en: 'Unknown', es: 'Desconocido' },
  integrity_ok: { pt: 'Íntegro', en: 'Intact', es: 'Íntegro' },
  integrity_gaps: { pt: 'Com lacunas', en: 'Has gaps', es: 'Con huecos' },
  integrity_broken: { pt: 'Adulterado', en: 'Tampered', es: 'Alterado' },
  integrity_unknown: { pt: 'Não verificado', en: 'Not checked', es: 'No verificado' },
  integrity_checking: { pt: 'Verificando…', en: 'Checking…', es: 'Verificando…' },
  record_ok: { pt: 'Íntegro', en: 'Intact', es: 'Íntegro' },
  'record_hash-mismatch': {
    pt: 'Registro alterado',
    en: 'Record edited',
    es: 'Registro alterado',
  },
  'record_link-broken': {
    pt: 'Encadeamento quebrado',
    en: 'Broken link',
    es: 'Enlace roto',
  },
});

function word(key: keyof typeof WORDS, locale: Locale, vars?: Record<string, string | number>): string {
  return formatMessage(WORDS[key][locale], locale, vars);
}

/** A kind ("CPF", "BANK_ACCOUNT", "rule:<id>") by its name for people; an admin rule's own label as it is. */
export function kindLabel(kind: string, locale: Locale): string {
  if (isDetectorType(kind)) return KIND_NAMES[kind][locale];
  if (kind.startsWith('rule:')) return word('fieldRule', locale, { id: kind.slice(5) });
  return kind;
}

/** The kind's grammatical gender in the locale (admin labels and English: masculine forms). */
export function kindGender(kind: string, locale: Locale): Gender {
  return isDetectorType(kind) && locale !== 'en' ? KIND_NAMES[kind].g[locale] : 'masculine';
}

/** A reason id by its label: the default reasons' labels, an admin's own id as the admin wrote it. */
export function reasonIdLabel(id: string | null, locale: Locale): string {
  if (!id) return '';
  const known = DEFAULT_REASONS.find((r) => r.id === id);
  return known ? pickText(known.label, locale) : id;
}

export type EventTypeCode = 'reveal' | 'remask' | 'anomaly';
export function eventTypeLabel(type: string, locale: Locale): string {
  return type === 'reveal' || type === 'remask' || type === 'anomaly'
    ? word(type, locale)
    : word('unknown', locale);
}

export function outcomeLabel(outcome: string, locale: Locale): string {
  return outcome === 'revealed' || outcome === 'cancelled' || outcome === 'refused'
    ? word(outcome, locale)
    : word('unknown', locale);
}

/** A flag or a refusal cause ("over-limit", "limit-per-hour", "remask:timer", "attempts-over-40", "invalid-reasonId"). */
export function flagLabel(code: string, locale: Locale): string {
  switch (code) {
    case 'over-limit':
    case 'limit-per-five-minutes':
    case 'limit-per-hour':
    case 'remask:timer':
    case 'remask:hide':
    case 'remask:navigation':
    case 'storage-quota':
    case 'storage-unavailable':
      return word(code, locale);
  }
  const attempts = /^attempts-over-(\d+)$/.exec(code);
  if (attempts) return word('attempts-over', locale, { n: Number(attempts[1]) });
  const invalid = /^invalid-([\w.-]+)$/.exec(code);
  if (invalid) return word('invalid', locale, { field: invalid[1] ?? '' });
  return word('unknownCode', locale);
}

export function agentSourceLabel(source: string, locale: Locale): string {
  return source === 'policy' || source === 'profile' || source === 'local'
    ? word(source, locale)
    : word('unknown', locale);
}

export type IntegrityState = 'ok' | 'gaps' | 'broken' | 'unknown' | 'checking';
export function integrityLabel(state: IntegrityState, locale: Locale): string {
  return word(`integrity_${state}`, locale);
}

/** The collector's verdict on one stored record's own link ("ok", "hash-mismatch", "link-broken"). */
export function recordIntegrityLabel(state: string, locale: Locale): string {
  return state === 'ok' || state === 'hash-mismatch' || state === 'link-broken'
    ? word(`record_${state}`, locale)
    : word('unknown', locale);
}

/** Every message this module shows, for the catalog test. */
export const LABEL_MESSAGES = WORDS;
