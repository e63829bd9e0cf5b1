import { defineMessages } from '../../shared/i18n';

export const messages = defineMessages({
  title: { pt: 'Sigilo', en: 'Sigilo', es: 'Sigilo' },
  loading: { pt: 'Carregando…', en: 'Loading…', es: 'Cargando…' },
  active: { pt: 'Ativo nesta aba', en: 'Active on this tab', es: 'Activo en esta pestaña' },
  inactive: { pt: 'Inativo nesta aba', en: 'Not active on this tab', es: 'Inactivo en esta pestaña' },
  inactiveWhy: {
    pt: 'A política da organização não inclui este site.',
    en: 'The organization policy does not cover this site.',
    es: 'La política de la organización no incluye este sitio.',
  },
  noPage: {
    pt: 'Esta aba não é uma página da web.',
    en: 'This tab is not a web page.',
    es: 'Esta pestaña no es una página web.',
  },
  masked: {
    pt: '{n, plural, one {# valor mascarado} other {# valores mascarados}}',
    en: '{n, plural, one {# value masked} other {# values masked}}',
    es: '{n, plural, one {# valor enmascarado} other {# valores enmascarados}}',
  },
  maskedUnknown: {
    pt: 'A página ainda não respondeu (recarregue a aba se acabou de instalar o Sigilo).',
    en: 'The page has not answered yet (reload the tab if Sigilo was just installed).',
    es: 'La página aún no respondió (recargue la pestaña si acaba de instalar Sigilo).',
  },
  byKind: { pt: 'Por tipo', en: 'By kind', es: 'Por tipo' },
  kindCount: { pt: '{kind}: {n, number}', en: '{kind}: {n, number}', es: '{kind}: {n, number}' },
  agent: { pt: 'Atendente', en: 'Agent', es: 'Agente' },
  agentUnknown: { pt: 'não identificado', en: 'not identified', es: 'no identificado' },
  pending: {
    pt: 'Eventos aguardando envio',
    en: 'Events waiting for upload',
    es: 'Eventos pendientes de envío',
  },
  pendingCount: { pt: '{n, number}', en: '{n, number}', es: '{n, number}' },
  pendingNoUpload: {
    pt: '{n, number} (envio não configurado)',
    en: '{n, number} (upload not configured)',
    es: '{n, number} (envío no configurado)',
  },
  warnings: { pt: 'Avisos', en: 'Warnings', es: 'Avisos' },
  policyErrors: {
    pt: '{n, plural, one {A política tem # problema; vale o padrão seguro nesse campo.} other {A política tem # problemas; valem os padrões seguros nesses campos.}}',
    en: '{n, plural, one {The policy has # problem; the safe default applies to that field.} other {The policy has # problems; the safe defaults apply to those fields.}}',
    es: '{n, plural, one {La política tiene # problema; rige el valor seguro en ese campo.} other {La política tiene # problemas; rigen los valores seguros en esos campos.}}',
  },
  managedPending: {
    pt: 'Aguardando a política da organização (padrões seguros em vigor).',
    en: 'Waiting for the organization policy (safe defaults in force).',
    es: 'Esperando la política de la organización (valores seguros en vigor).',
  },
  openList: { pt: 'Ver valores mascarados', en: 'List masked values', es: 'Ver valores enmascarados' },
  openOptions: { pt: 'Configurações', en: 'Settings', es: 'Configuración' },
});
