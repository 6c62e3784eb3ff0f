import { describe, expect, it } from 'vitest';
import { fieldPathLabel, issueText, policyWarningText } from '../../../utils/i18n/settings';
import { Settings } from '../../../utils/schema/settings';
import { ISSUE_CODES } from '../../../utils/schema/settings-status';
import { issuesFor, toFieldIssues } from '../../../utils/settings/issues';
import { settingsWith } from '../../support/settings';

describe('field issues in words', () => {
  it.each([
    ['de', { path: ['unitLabel'], code: 'too_long', limit: 100 }, 'Zu lang (höchstens 100 Zeichen).'],
    ['en', { path: ['unitLabel'], code: 'too_long', limit: 100 }, 'Too long (at most 100 characters).'],
    [
      'de',
      { path: ['syncPeriodMinutes'], code: 'number_too_small', limit: 0.5 },
      'Zu klein (mindestens 0,5).',
    ],
    [
      'en',
      { path: ['syncPeriodMinutes'], code: 'number_too_small', limit: 0.5 },
      'Too small (at least 0.5).',
    ],
    ['de', { path: ['endpoint'], code: 'endpoint_insecure' }, expect.stringContaining('https://')],
  ] as const)('%s: %j', (lang, issue, text) => {
    expect(issueText(lang, { ...issue, path: [...issue.path] })).toEqual(text);
  });

  it('has a text for every issue code in both languages', () => {
    for (const code of ISSUE_CODES) {
      expect(issueText('de', { path: [], code })).not.toMatch(/issue_/);
      expect(issueText('en', { path: [], code })).not.toMatch(/issue_/);
    }
  });

  it.each([
    ['de', ['sites', 1, 'pattern'], 'Anwendungen mit Feedback-Knopf › Eintrag 2 › Adressmuster'],
    ['en', ['categories', 0, 'en'], 'Kinds of feedback › Entry 1 › Label (English)'],
    ['de', ['redactionTerms', 3], 'Begriffe, die immer unkenntlich gemacht werden › Eintrag 4'],
    ['en', ['endpiont'], 'endpiont'],
  ] as const)('%s: names the place %j', (lang, path, label) => {
    expect(fieldPathLabel(lang, [...path])).toBe(label);
  });

  it('explains an ignored policy value', () => {
    expect(
      policyWarningText('de', {
        key: 'endpoint',
        kind: 'ignored_value',
        issue: { path: ['endpoint'], code: 'endpoint_insecure' },
      }),
    ).toMatch(/^„Empfangsadresse“: Der vorgegebene Wert ist ungültig/);
    expect(policyWarningText('en', { key: 'endpiont', kind: 'unknown_key' })).toBe(
      'The policy contains the unknown setting “endpiont”. It is ignored.',
    );
  });

  it('finds the issues of one field and its entries', () => {
    const parsed = Settings.safeParse(settingsWith({ redactionTerms: ['ok', 'x'], batchSize: 0 }));
    const issues = parsed.success ? [] : toFieldIssues(parsed.error);
    expect(issuesFor(issues, 'redactionTerms')).toEqual([
      { path: ['redactionTerms', 1], code: 'too_short', limit: 2 },
    ]);
  });
});
