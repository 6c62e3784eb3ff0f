import type { z } from 'zod';
import { DUPLICATE } from '../schema/settings';
import type { FieldIssue, IssueCode } from '../schema/settings-status';

type Issue = z.core.$ZodIssue;
type Path = FieldIssue['path'];

/** Messages our own refinements put on issues (utils/schema/*), mapped to issue codes. */
const CUSTOM_MESSAGES: Record<string, IssueCode> = {
  endpoint_insecure: 'endpoint_insecure',
  match_pattern: 'match_pattern',
  regex_invalid: 'regex_invalid',
  'category id': 'category_id',
  [DUPLICATE]: 'duplicate',
};

function pathOf(issue: Issue, prefix: Path): Path {
  const tail = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
  return [...prefix, ...tail];
}

function limitOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** One zod issue as a language-neutral field issue; the page turns it into German or English text. */
export function toFieldIssue(issue: Issue, prefix: Path = []): FieldIssue {
  const path = pathOf(issue, prefix);
  const known = CUSTOM_MESSAGES[issue.message];
  if (known) return { path, code: known };
  switch (issue.code) {
    case 'too_small': {
      const limit = limitOf(issue.minimum);
      if (issue.origin === 'string') return { path, code: limit === 1 ? 'required' : 'too_short', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { path, code: 'too_few', limit };
      return { path, code: 'number_too_small', limit };
    }
    case 'too_big': {
      const limit = limitOf(issue.maximum);
      if (issue.origin === 'string') return { path, code: 'too_long', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { path, code: 'too_many', limit };
      return { path, code: 'number_too_large', limit };
    }
    case 'invalid_type':
      if (issue.expected === 'int') return { path, code: 'not_integer' };
      if (issue.expected === 'number') return { path, code: 'not_a_number' };
      // A missing field of an imported file or a list entry: the user left something empty.
      if (issue.input === undefined) return { path, code: 'required' };
      return { path, code: 'wrong_type' };
    case 'invalid_value':
      return { path, code: 'invalid_choice' };
    case 'invalid_union': {
      // The endpoint is '' or a URL: report why the URL branch failed rather than "no branch matched".
      for (const branch of issue.errors) {
        const inner = branch.find((candidate) => CUSTOM_MESSAGES[candidate.message]);
        if (inner) return toFieldIssue(inner, path);
      }
      return { path, code: 'invalid' };
    }
    default:
      return { path, code: 'invalid' };
  }
}

/** All issues of a failed parse, at most one per path (the first, which is the most basic one). */
export function toFieldIssues(error: z.ZodError, prefix: Path = []): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const mapped = toFieldIssue(issue, prefix);
    const key = mapped.path.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mapped);
  }
  return out;
}

/** The issues that concern one field (`key`) and, optionally, one entry of it. */
export function issuesFor(issues: readonly FieldIssue[], ...path: Path): FieldIssue[] {
  return issues.filter((issue) => path.every((part, index) => issue.path[index] === part));
}
