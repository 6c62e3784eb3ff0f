import type { PageContext } from '../utils/schema/record';
import { MaskedText } from './MaskedText';

/** Props of the "this is what will be stored" panel. */
export interface ContextPreviewProps {
  context: PageContext;
  note: { text: string; masks: readonly { start: number; end: number; kind: string }[] };
  maskCount: number;
  t: (key: ContextKey, values?: Record<string, string | number>) => string;
}

type ContextKey =
  | 'contextTitle'
  | 'contextIntro'
  | 'app'
  | 'screen'
  | 'address'
  | 'frame'
  | 'element'
  | 'browser'
  | 'preview'
  | 'masked';

const PLACEHOLDER = /\[[A-ZÄÖÜ-]+\]|:id/g;

/** Highlights placeholders inside an already redacted context value. */
function Redacted({ value }: { value: string }) {
  const masks = [...value.matchAll(PLACEHOLDER)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    kind: 'mask',
  }));
  return <MaskedText text={value} masks={masks} />;
}

/** Transparency: exactly the context and note that will be stored, with masks marked. */
export function ContextPreview({ context, note, maskCount, t }: ContextPreviewProps) {
  const screen = [context.screen.name, context.screen.step, context.screen.tab].filter(Boolean).join(' · ');
  return (
    <details class="context" open>
      <summary>{t('contextTitle')}</summary>
      <p class="hint">{t('contextIntro')}</p>
      <dl>
        <dt>{t('app')}</dt>
        <dd>{context.app}</dd>
        <dt>{t('screen')}</dt>
        <dd>
          <Redacted value={screen} />
        </dd>
        <dt>{t('address')}</dt>
        <dd>
          <Redacted value={context.url} />
        </dd>
        {context.frame.routeTemplate ? (
          <>
            <dt>{t('frame')}</dt>
            <dd>
              <Redacted value={context.frame.routeTemplate} />
            </dd>
          </>
        ) : null}
        {context.element ? (
          <>
            <dt>{t('element')}</dt>
            <dd>
              {context.element.role}: <Redacted value={context.element.name} />
            </dd>
          </>
        ) : null}
        <dt>{t('browser')}</dt>
        <dd>
          {context.browser.name} {context.browser.version}, {context.viewport.width}×{context.viewport.height}
        </dd>
        <dt>{t('preview')}</dt>
        <dd class="note-preview" data-testid="note-preview">
          <MaskedText text={note.text} masks={note.masks} />
        </dd>
      </dl>
      <p class="hint" aria-live="polite">
        {t('masked', { n: maskCount })}
      </p>
    </details>
  );
}
