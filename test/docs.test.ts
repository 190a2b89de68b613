import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type Report, type RuleName } from './helpers/lint';

/**
 * The rule docs' examples are executable: every `ts`/`tsx` block under "### Incorrect" or
 * "### Correct" is linted with its rule alone, at the default options and settings.
 * - A Correct block gets no report.
 * - In an Incorrect block every comment announces a report: a comment at the end of a line, for
 *   that line; a run of whole-line comments, for the line after it. It is the message (`...`
 *   stands for any text) or the message id. Each report is announced once, and nothing else is.
 */
const DOCS = path.join(__dirname, '..', 'docs', 'rules');

interface Example {
  kind: 'Incorrect' | 'Correct';
  /** Line of the block's first code line in the doc. */
  line: number;
  extension: 'ts' | 'tsx';
  code: string;
}

function examplesOf(doc: string): Example[] {
  const examples: Example[] = [];
  const lines = doc.split('\n');
  let kind: Example['kind'] | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heading = /^(#{2,3}) (.*)$/.exec(line);
    if (heading) kind = heading[2] === 'Incorrect' || heading[2] === 'Correct' ? heading[2] : undefined;
    const fence = /^```(\w*)$/.exec(line);
    if (!fence) continue;
    const end = lines.indexOf('```', index + 1);
    if (kind && (fence[1] === 'ts' || fence[1] === 'tsx')) {
      examples.push({ kind, line: index + 2, extension: fence[1], code: lines.slice(index + 1, end).join('\n') });
    }
    index = end;
  }
  return examples;
}

interface Announcement {
  /** The 1-based line of the block it announces a report on. */
  line: number;
  text: string;
}

function announcementsOf(code: string): Announcement[] {
  const announcements: Announcement[] = [];
  const lines = code.split('\n');
  let run: string[] = [];
  lines.forEach((line, index) => {
    const whole = /^\s*\/\/\s?(.*)$/.exec(line);
    if (whole) {
      run.push(whole[1]!.trim());
      return;
    }
    if (run.length > 0) announcements.push({ line: index + 1, text: run.join(' ') });
    run = [];
    const trailing = /\S.*?\s\/\/\s?(.*)$/.exec(line);
    if (trailing) announcements.push({ line: index + 1, text: trailing[1]!.trim() });
  });
  if (run.length > 0) announcements.push({ line: lines.length + 1, text: run.join(' ') });
  return announcements;
}

function announces(text: string, report: Report): boolean {
  if (text === report.messageId) return true;
  const withoutStop = (value: string) => value.replace(/(?<!\.)\.$/, '');
  const pattern = withoutStop(text)
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${pattern}$`, 's').test(withoutStop(report.message));
}

const docs = fs.readdirSync(DOCS).filter((file) => file.endsWith('.md'));

describe.each(docs.map((file) => [file.replace(/\.md$/, '') as RuleName, file] as const))('docs/rules/%s.md examples', (rule, file) => {
  const examples = examplesOf(fs.readFileSync(path.join(DOCS, file), 'utf8'));

  it('has Incorrect and Correct examples', () => {
    expect(examples.some((example) => example.kind === 'Incorrect')).toBe(true);
    expect(examples.some((example) => example.kind === 'Correct')).toBe(true);
  });

  it.each(examples.map((example) => [`${example.kind} at line ${example.line}`, example] as const))('%s', (_name, example) => {
    const reports = lint(example.code, { rules: { [rule]: [] }, filename: `/project/src/components/Example.${example.extension}` });
    expect(reports.filter((report) => report.ruleId !== `scene-sync/${rule}`)).toEqual([]);
    if (example.kind === 'Correct') {
      expect(reports).toEqual([]);
      return;
    }
    expect(reports.length).toBeGreaterThan(0);
    const announcements = announcementsOf(example.code);
    const unannounced = reports.filter((report) => !announcements.some((announcement) => announcement.line === report.line && announces(announcement.text, report)));
    const unreported = announcements.filter((announcement) => !reports.some((report) => announcement.line === report.line && announces(announcement.text, report)));
    expect({ unannounced: unannounced.map(({ line, message }) => `${line}: ${message}`), unreported }).toEqual({ unannounced: [], unreported: [] });
    expect(announcements.length).toBe(reports.length);
  });
});
