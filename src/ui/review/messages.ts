import { defineMessages } from '../i18n';

export const reviewMessages = defineMessages({
  title: { pt: 'Sigilo — registro de revelações', en: 'Sigilo — reveal log' },
  intro: {
    pt: 'Cada revelação feita neste navegador, com motivo. Nenhum valor é guardado: só o tipo de dado e uma impressão digital.',
    en: 'Every reveal made in this browser, with its reason. No value is stored: only the kind of data and a fingerprint.',
  },
  uploadHeading: { pt: 'Envio ao coletor', en: 'Upload to the collector' },
  uploadNotConfigured: {
    pt: 'Nenhum envio configurado (upload.url na política): o registro fica só neste navegador.',
    en: 'No upload configured (upload.url in the policy): the log stays in this browser only.',
  },
  pending: {
    pt: '{pending} de {total} registros aguardando envio',
    en: '{pending} of {total} records waiting to upload',
  },
  lastAttempt: { pt: 'Última tentativa: {when} — {result}', en: 'Last attempt: {when} — {result}' },
  attemptOk: { pt: 'ok, {n} eventos', en: 'ok, {n} events' },
  attemptFailed: { pt: 'falhou ({error})', en: 'failed ({error})' },
  lastSuccess: { pt: 'Último envio bem-sucedido: {when}', en: 'Last successful upload: {when}' },
  nextAttempt: { pt: 'Próxima tentativa: {when}', en: 'Next attempt: {when}' },
  never: { pt: 'nunca', en: 'never' },
  uploadNow: { pt: 'Enviar agora', en: 'Upload now' },
  uploading: { pt: 'Enviando…', en: 'Uploading…' },
  uploadDone: { pt: 'Envio concluído: {n} eventos.', en: 'Upload done: {n} events.' },
  uploadNothing: { pt: 'Nada a enviar.', en: 'Nothing to upload.' },
  uploadFailed: { pt: 'O envio falhou: {error}', en: 'The upload failed: {error}' },
  warnings: { pt: 'Avisos', en: 'Warnings' },
  integrityHeading: { pt: 'Integridade da cadeia', en: 'Chain integrity' },
  integrityChecked: { pt: '{n} registros verificados', en: '{n} records checked' },
  integrityBrokenAt: {
    pt: 'primeira quebra no nº {seq} ({reason})',
    en: 'first break at seq {seq} ({reason})',
  },
  verifyAgain: { pt: 'Verificar de novo', en: 'Verify again' },
  chartHeading: { pt: 'Revelações ao longo do tempo', en: 'Reveals over time' },
  chartNote: {
    pt: 'Com base nos {n} registros mais recentes que atendem aos filtros.',
    en: 'Based on the latest {n} records that match the filters.',
  },
  logHeading: { pt: 'Registros', en: 'Records' },
  exportHeading: { pt: 'Exportar', en: 'Export' },
  error: { pt: 'Erro: {message}', en: 'Error: {message}' },
  loading: { pt: 'Carregando…', en: 'Loading…' },
});
