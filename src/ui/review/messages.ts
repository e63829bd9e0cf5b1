import { defineMessages } from '../../shared/i18n';

export const reviewMessages = defineMessages({
  title: {
    pt: 'Sigilo — registro de revelações',
    en: 'Sigilo — reveal log',
    es: 'Sigilo — registro de revelaciones',
  },
  intro: {
    pt: 'Cada revelação feita neste navegador, com motivo. Nenhum valor é guardado: só o tipo de dado e uma impressão digital.',
    en: 'Every reveal made in this browser, with its reason. No value is stored: only the kind of data and a fingerprint.',
    es: 'Cada revelación hecha en este navegador, con su motivo. No se guarda ningún valor: solo el tipo de dato y una huella.',
  },
  uploadHeading: { pt: 'Envio ao coletor', en: 'Upload to the collector', es: 'Envío al colector' },
  uploadNotConfigured: {
    pt: 'Nenhum envio configurado na política: o registro fica só neste navegador.',
    en: 'No upload configured in the policy: the log stays in this browser only.',
    es: 'Ningún envío configurado en la política: el registro queda solo en este navegador.',
  },
  pending: {
    pt: '{pending, number} de {total, plural, one {# registro aguardando envio} other {# registros aguardando envio}}',
    en: '{pending, number} of {total, plural, one {# record waiting to upload} other {# records waiting to upload}}',
    es: '{pending, number} de {total, plural, one {# registro pendiente de envío} other {# registros pendientes de envío}}',
  },
  lastAttempt: {
    pt: 'Última tentativa: {when} — {result}',
    en: 'Last attempt: {when} — {result}',
    es: 'Último intento: {when} — {result}',
  },
  attemptOk: {
    pt: 'enviados {n, plural, one {# evento} other {# eventos}}',
    en: '{n, plural, one {# event} other {# events}} sent',
    es: '{n, plural, one {# evento enviado} other {# eventos enviados}}',
  },
  attemptFailed: { pt: 'falhou ({error})', en: 'failed ({error})', es: 'falló ({error})' },
  lastSuccess: {
    pt: 'Último envio bem-sucedido: {when}',
    en: 'Last successful upload: {when}',
    es: 'Último envío correcto: {when}',
  },
  nextAttempt: { pt: 'Próxima tentativa: {when}', en: 'Next attempt: {when}', es: 'Próximo intento: {when}' },
  never: { pt: 'nunca', en: 'never', es: 'nunca' },
  uploadNow: { pt: 'Enviar agora', en: 'Upload now', es: 'Enviar ahora' },
  uploading: { pt: 'Enviando…', en: 'Uploading…', es: 'Enviando…' },
  uploadDone: {
    pt: 'Envio concluído: {n, plural, one {# evento} other {# eventos}}.',
    en: 'Upload done: {n, plural, one {# event} other {# events}}.',
    es: 'Envío completado: {n, plural, one {# evento} other {# eventos}}.',
  },
  uploadNothing: { pt: 'Nada a enviar.', en: 'Nothing to upload.', es: 'Nada que enviar.' },
  uploadFailed: {
    pt: 'O envio falhou: {error}',
    en: 'The upload failed: {error}',
    es: 'El envío falló: {error}',
  },
  warnings: { pt: 'Avisos', en: 'Warnings', es: 'Avisos' },
  integrityHeading: { pt: 'Integridade da cadeia', en: 'Chain integrity', es: 'Integridad de la cadena' },
  integrityChecked: {
    pt: '{n, plural, one {# registro verificado} other {# registros verificados}}',
    en: '{n, plural, one {# record checked} other {# records checked}}',
    es: '{n, plural, one {# registro verificado} other {# registros verificados}}',
  },
  integrityBrokenAt: {
    pt: 'primeira quebra no nº {seq} ({reason})',
    en: 'first break at no. {seq} ({reason})',
    es: 'primera ruptura en el n.º {seq} ({reason})',
  },
  'break_hash-mismatch': {
    pt: 'registro alterado depois de selado',
    en: 'a record was changed after sealing',
    es: 'un registro se alteró después de sellado',
  },
  'break_prev-hash-mismatch': {
    pt: 'um registro anterior foi removido, inserido ou movido',
    en: 'an earlier record was removed, inserted or moved',
    es: 'un registro anterior fue eliminado, insertado o movido',
  },
  'break_seq-gap': {
    pt: 'faltam registros na sequência',
    en: 'records are missing from the sequence',
    es: 'faltan registros en la secuencia',
  },
  'break_seq-order': {
    pt: 'números repetidos ou fora de ordem',
    en: 'numbers repeat or go backwards',
    es: 'números repetidos o fuera de orden',
  },
  'break_head-mismatch': {
    pt: 'o último registro não é o esperado (final cortado ou reescrito)',
    en: 'the last record is not the expected one (end cut or rewritten)',
    es: 'el último registro no es el esperado (final cortado o reescrito)',
  },
  break_other: { pt: 'outro problema', en: 'another problem', es: 'otro problema' },
  verifyAgain: { pt: 'Verificar de novo', en: 'Verify again', es: 'Verificar de nuevo' },
  chartHeading: {
    pt: 'Revelações ao longo do tempo',
    en: 'Reveals over time',
    es: 'Revelaciones a lo largo del tiempo',
  },
  chartNote: {
    pt: 'Com base nos {n, number} registros mais recentes que atendem aos filtros.',
    en: 'Based on the latest {n, number} records that match the filters.',
    es: 'Basado en los {n, number} registros más recientes que cumplen los filtros.',
  },
  logHeading: { pt: 'Registros', en: 'Records', es: 'Registros' },
  exportHeading: { pt: 'Exportar', en: 'Export', es: 'Exportar' },
  error: { pt: 'Erro: {message}', en: 'Error: {message}', es: 'Error: {message}' },
  loading: { pt: 'Carregando…', en: 'Loading…', es: 'Cargando…' },
});
