import { useMemo, useState } from 'preact/hooks';
import { scan } from '../../core/detect/scanner';
import { maskValue } from '../../core/mask';
import { kindLabel } from '../../shared/i18n/labels';
import type { RedactedPolicy } from '../../shared/protocol/policy';
import { locale, t } from './t';

interface Segment {
  text: string;
  kind: string | null;
}

/**
 * Runs the real scanner with the policy in force on text the agent pastes, and
 * shows the masked result (never the detected values themselves, even though
 * the text is the agent's own: the preview shows what a page would show).
 */
export function previewSegments(text: string, policy: RedactedPolicy): Segment[] {
  const matches = scan(text, {
    types: policy.detectors.enabled,
    minConfidence: policy.detectors.minConfidence,
  });
  const out: Segment[] = [];
  let cursor = 0;
  for (const m of matches) {
    if (m.start < cursor) continue;
    if (m.start > cursor) out.push({ text: text.slice(cursor, m.start), kind: null });
    const masked = maskValue(text.slice(m.start, m.end), {
      style: policy.maskStyle,
      keepLast: policy.keepLast,
      label: kindLabel(m.type, locale()),
    });
    out.push({ text: masked.display, kind: m.type });
    cursor = m.end;
  }
  if (cursor < text.length) out.push({ text: text.slice(cursor), kind: null });
  return out;
}

export function TryIt({ policy }: { policy: RedactedPolicy }) {
  const [text, setText] = useState('');
  const segments = useMemo(() => previewSegments(text, policy), [text, policy]);
  const found = segments.filter((s) => s.kind !== null);
  const kinds = [...new Set(found.map((s) => kindLabel(s.kind ?? '', locale())))].join(', ');
  return (
    <section aria-labelledby="try-title">
      <h2 id="try-title">{t('tryIt')}</h2>
      <p class="help" id="try-help">
        {t('tryItHelp')}
      </p>
      <label for="try-input">{t('tryItInput')}</label>
      <textarea
        id="try-input"
        rows={5}
        spellcheck={false}
        autocomplete="off"
        aria-describedby="try-help"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <h3 id="try-result-title">{t('tryItResult')}</h3>
      <p id="try-summary" role="status" aria-live="polite">
        {text ? (found.length ? t('tryItFound', { n: found.length, kinds }) : t('tryItNone')) : ''}
      </p>
      <pre id="try-result" class="preview">
        {segments.map((s, i) =>
          s.kind ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
            <mark key={i} data-kind={s.kind} title={kindLabel(s.kind, locale())}>
              {s.text}
            </mark>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
            <span key={i}>{s.text}</span>
          ),
        )}
      </pre>
    </section>
  );
}
