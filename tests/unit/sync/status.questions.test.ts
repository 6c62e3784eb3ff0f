// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../utils/schema/settings';
import { readQuestions } from '../../../utils/store/questions';
import { fetchStatusUpdates, questionApps } from '../../../utils/sync/status';
import { testQuestion } from '../../support/questions';
import { acceptAll, collectorPerTest, type Seen } from '../../support/sync';

// Each test's collector is closed after it, with the database.
const startCollector = collectorPerTest();

const SITES = [
  { ...DEFAULT_SETTINGS.sites[0], pattern: 'https://a.example/*', app: 'Leistungsverfahren' },
  {
    pattern: 'https://b.example/*',
    app: 'E-Akte',
    screenSelectors: [],
    allowedParams: [],
    sensitiveSelectors: [],
  },
  {
    pattern: 'https://c.example/*',
    app: 'Leistungsverfahren',
    screenSelectors: [],
    allowedParams: [],
    sensitiveSelectors: [],
  },
];

describe('questionApps', () => {
  it('names each application of the configured sites once, none when questions are off or no site is set', () => {
    expect(questionApps({ questionsEnabled: true, sites: SITES as never })).toEqual([
      'Leistungsverfahren',
      'E-Akte',
    ]);
    expect(questionApps({ questionsEnabled: false, sites: SITES as never })).toBeUndefined();
    expect(questionApps({ questionsEnabled: true, sites: [] })).toBeUndefined();
  });
});

describe('questions with the status poll', () => {
  const replyWith = (questions: unknown[] | undefined) => (seen: Seen) => ({
    status: 200,
    body: { updates: [], cursor: 'c1', ...(questions ? { questions } : {}), _seen: seen.path },
  });

  it('asks with the applications even without open records, and keeps the valid questions of the reply', async () => {
    const good = testQuestion();
    const other = testQuestion({ id: '00000000-0000-4000-8000-000000000077', screens: undefined });
    const broken = {
      ...testQuestion({ id: '00000000-0000-4000-8000-000000000078' }),
      form: { kind: 'stars' },
    };
    const collector = await startCollector(acceptAll, replyWith([good, broken, other]));
    const result = await fetchStatusUpdates({
      endpoint: collector.url,
      token: 't',
      apps: ['Leistungsverfahren'],
    });
    const queries = collector.seen.filter((s) => s.path.endsWith('/status')).map((s) => s.body);
    expect(queries).toEqual([{ ids: [], secrets: {}, apps: ['Leistungsverfahren'] }]);
    expect(result.questions).toBe(2);
    const { screens: _none, ...whole } = other;
    expect((await readQuestions()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([whole, good]);
  });

  it('replaces the previous set: a question missing from the reply has ended', async () => {
    let questions: unknown[] | undefined = [testQuestion()];
    const collector = await startCollector(acceptAll, (seen) => replyWith(questions)(seen));
    await fetchStatusUpdates({ endpoint: collector.url, token: 't', apps: ['Leistungsverfahren'] });
    expect(await readQuestions()).toHaveLength(1);
    questions = [];
    await fetchStatusUpdates({ endpoint: collector.url, token: 't', apps: ['Leistungsverfahren'] });
    expect(await readQuestions()).toEqual([]);
    // A collector that predates questions sends the field not at all: none to show either.
    questions = [testQuestion()];
    await fetchStatusUpdates({ endpoint: collector.url, token: 't', apps: ['Leistungsverfahren'] });
    questions = undefined;
    await fetchStatusUpdates({ endpoint: collector.url, token: 't', apps: ['Leistungsverfahren'] });
    expect(await readQuestions()).toEqual([]);
  });

  it('switched off: no query without open records, no apps, and the stored questions are dropped', async () => {
    const collector = await startCollector(acceptAll, replyWith([testQuestion()]));
    await fetchStatusUpdates({ endpoint: collector.url, token: 't', apps: ['Leistungsverfahren'] });
    expect(await readQuestions()).toHaveLength(1);
    await fetchStatusUpdates({ endpoint: collector.url, token: 't' });
    expect(collector.seen.filter((s) => s.path.endsWith('/status'))).toHaveLength(1);
    expect(await readQuestions()).toEqual([]);
  });
});
