import { type Locale, translator } from '../../shared/i18n';
import { componentMessages } from './messages';

export type IntegrityStatus = 'ok' | 'gaps' | 'broken' | 'unknown' | 'checking';

const ICONS: Record<IntegrityStatus, string> = {
  ok: '✔',
  gaps: '⚠',
  broken: '✖',
  unknown: '?',
  checking: '…',
};

/** The chain's state in words and a symbol (never colour alone), announced politely when it changes. */
export function IntegrityBadge({
  locale,
  status,
  detail,
}: {
  locale: Locale;
  status: IntegrityStatus;
  detail?: string;
}) {
  const t = translator(componentMessages, locale);
  return (
    <span class={`sg-badge sg-badge-${status}`} role="status" data-status={status}>
      <span aria-hidden="true">{ICONS[status]}</span> {t(`integrity_${status}`)}
      {detail ? <span class="sg-badge-detail"> — {detail}</span> : null}
    </span>
  );
}
