import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../utils/schema/record';
import { MaskedText } from '../shared/MaskedText';

/** Props of the "this is what will be stored" panel. */
export interface ContextPreviewProps {
  context: PageContext;
  /** The note as it will be stored (the dialog lets the person mask more of its words there). */
  note: ComponentChildren;
  /** Id of the hint under the note that says how to mask a word; none when its words are not buttons. */
  noteHintId?: string;
  maskCount: number;
  /** Kept words that look like names, not yet masked. */
  suspectCount: number;
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
  | 'masked'
  | 'wordsHint'
  | 'suspects';

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
export function ContextPreview({
  context,
  note,
  noteHintId,
  maskCount,
  suspectCount,
  t,
}: ContextPreviewProps) {
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
        <dd class="note-preview">
          <span data-testid="note-preview">{note}</span>
          {noteHintId ? (
            <span id={noteHintId} class="hint words-hint">
              {t('wordsHint')}
            </span>
          ) : null}
        </dd>
      </dl>
      <p class="hint" aria-live="polite">
        {t('masked', { n: maskCount })}
        {suspectCount > 0 ? ` ${t('suspects', { n: suspectCount })}` : ''}
      </p>
    </details>
  );
}
