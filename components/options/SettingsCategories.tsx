import { useRef } from 'preact/hooks';
import type { Category } from '../../utils/schema/settings';
import { FieldMessages } from './FieldMessages';
import { FieldText } from './FieldText';
import { fieldId, type SettingsContext } from './SettingsSection';

/** Props of the categories editor. */
export interface SettingsCategoriesProps {
  ctx: SettingsContext;
}

/** The kinds of feedback: identifier plus German and English label; add, remove, reorder. */
export function SettingsCategories({ ctx }: SettingsCategoriesProps) {
  const { t, draft, update, errors, lockedNote } = ctx;
  const locked = lockedNote('categories');
  const addRef = useRef<HTMLButtonElement>(null);
  const categories = draft.categories;
  const set = (next: Category[]) => update('categories', next);
  const move = (from: number, to: number) => {
    const next = [...categories];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    set(next);
  };

  return (
    <div class="group">
      <h3 id="categories-title">{t('field_categories')}</h3>
      <FieldMessages
        id="f-categories"
        hint={t('hint_categories')}
        lockedNote={locked}
        errors={errors(['categories'])}
      />
      {categories.map((category, index) => {
        const n = index + 1;
        const path = (field: keyof Category) => ['categories', index, field];
        const change = (patch: Partial<Category>) =>
          set(categories.map((existing, i) => (i === index ? { ...existing, ...patch } : existing)));
        return (
          <fieldset class="entry row3" key={index} data-testid="category">
            <legend>{t('categoryLegend', { n })}</legend>
            <FieldText
              id={fieldId(path('id'))}
              label={t('category_id')}
              value={category.id}
              onInput={(id) => change({ id })}
              errors={errors(path('id'))}
              lockedNote={locked}
              maxLength={40}
            />
            <FieldText
              id={fieldId(path('de'))}
              label={t('category_de')}
              value={category.de}
              onInput={(de) => change({ de })}
              errors={errors(path('de'))}
              lockedNote={locked}
              maxLength={60}
            />
            <FieldText
              id={fieldId(path('en'))}
              label={t('category_en')}
              value={category.en}
              onInput={(en) => change({ en })}
              errors={errors(path('en'))}
              lockedNote={locked}
              maxLength={60}
            />
            {locked ? null : (
              <div class="entry-actions">
                <button
                  type="button"
                  class="small"
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  {t('moveUp', { n })}
                </button>
                <button
                  type="button"
                  class="small"
                  disabled={index === categories.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  {t('moveDown', { n })}
                </button>
                <button
                  type="button"
                  class="small danger"
                  onClick={() => {
                    set(categories.filter((_, i) => i !== index));
                    addRef.current?.focus();
                  }}
                >
                  {t('removeCategory', { n })}
                </button>
              </div>
            )}
          </fieldset>
        );
      })}
      {locked ? null : (
        <button type="button" ref={addRef} onClick={() => set([...categories, { id: '', de: '', en: '' }])}>
          {t('addCategory')}
        </button>
      )}
    </div>
  );
}
