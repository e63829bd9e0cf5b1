import { defineMessages } from '../i18n';

export const messages = defineMessages({
  title: { pt: 'Sigilo', en: 'Sigilo' },
  loading: { pt: 'Carregando…', en: 'Loading…' },
  active: { pt: 'Ativo nesta aba', en: 'Active on this tab' },
  inactive: { pt: 'Inativo nesta aba', en: 'Not active on this tab' },
  inactiveWhy: {
    pt: 'A política da organização não inclui este site.',
    en: 'The organization policy does not cover this site.',
  },
  noPage: { pt: 'Esta aba não é uma página da web.', en: 'This tab is not a web page.' },
  masked: { pt: '{n} valores mascarados', en: '{n} values masked' },
  maskedOne: { pt: '1 valor mascarado', en: '1 value masked' },
  maskedUnknown: {
    pt: 'A página ainda não respondeu (recarregue a aba se acabou de instalar o Sigilo).',
    en: 'The page has not answered yet (reload the tab if Sigilo was just installed).',
  },
  byKind: { pt: 'Por tipo', en: 'By kind' },
  agent: { pt: 'Atendente', en: 'Agent' },
  agentUnknown: { pt: 'não identificado', en: 'not identified' },
  pending: { pt: 'Eventos aguardando envio', en: 'Events waiting for upload' },
  noUpload: { pt: 'envio não configurado', en: 'upload not configured' },
  warnings: { pt: 'Avisos', en: 'Warnings' },
  policyErrors: {
    pt: 'A política tem {n} problemas; valem os padrões seguros nesses campos.',
    en: 'The policy has {n} problems; the safe defaults apply to those fields.',
  },
  managedPending: {
    pt: 'Aguardando a política da organização (padrões seguros em vigor).',
    en: 'Waiting for the organization policy (safe defaults in force).',
  },
  openList: { pt: 'Ver valores mascarados', en: 'List masked values' },
  openOptions: { pt: 'Configurações', en: 'Settings' },
});
