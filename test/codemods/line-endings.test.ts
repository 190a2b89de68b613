// Every fixture, rewritten with CRLF and with CR-only line endings, gives the LF output with the
// same endings, byte for byte: no line feed added, no blank or whitespace-only line left where a
// statement was removed, the same plan lines.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/codemods/config-file';
import { transformSource } from '../../src/codemods/scene-sync';
import { getConventions } from '../../src/conventions';

const FIXTURES = path.join(__dirname, 'fixtures');
const STYLES = {
  positional: getConventions(undefined),
  object: getConventions(loadConfigFile(path.join(FIXTURES, 'object', 'scene-sync.config.json'))),
};
const ENDINGS = { CRLF: '\r\n', CR: '\r' };

/** Lines that hold only spaces or tabs, whatever ends them. */
const blankLines = (text: string) => text.split(/\r\n|\r|\n/).filter((line) => line !== '' && /^[ \t]+$/.test(line)).length;

for (const [style, conventions] of Object.entries(STYLES)) {
  const dir = path.join(FIXTURES, style);
  const cases = fs
    .readdirSync(dir)
    .map((entry) => /^(.+)\.input(\.tsx?)$/.exec(entry))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, name, extension]) => ({ name: name!, extension: extension! }))
    .filter(({ name }) => name !== 'crlf');

  describe.each(Object.entries(ENDINGS))(`${style} fixtures with %s line endings`, (_label, eol) => {
    it.each(cases)('$name', ({ name, extension }) => {
      const convert = (text: string) => text.replace(/\r\n|\n/g, eol);
      const input = fs.readFileSync(path.join(dir, `${name}.input${extension}`), 'utf8');
      const expected = fs.readFileSync(path.join(dir, `${name}.output${extension}`), 'utf8');
      const file = path.join(dir, `${name}${extension}`);
      const plain = transformSource(input, file, conventions);
      const result = transformSource(convert(input), file, conventions);
      expect(result?.output ?? convert(input)).toBe(convert(expected));
      expect(result?.plan.rewrites.map(({ line }) => line)).toEqual(plain?.plan.rewrites.map(({ line }) => line));
      expect(result?.plan.reviews.map(({ line }) => line)).toEqual(plain?.plan.reviews.map(({ line }) => line));
      expect(blankLines(result?.output ?? '')).toBeLessThanOrEqual(blankLines(input));
    });
  });
}

describe('U+2028 and U+2029 end lines in the plan, as in ESLint', () => {
  it('a comment holding both is three lines long: every planned line moves down by three', () => {
    const dir = path.join(FIXTURES, 'positional');
    const input = fs.readFileSync(path.join(dir, 'on-success-selector.input.tsx'), 'utf8');
    const file = path.join(dir, 'on-success-selector.tsx');
    const plain = transformSource(input, file, STYLES.positional);
    const result = transformSource(`// one\u2028two\u2029three\n${input}`, file, STYLES.positional);
    const plainLines = plain?.plan.rewrites.map(({ line }) => line) ?? [];
    expect(plainLines.length).toBeGreaterThan(0);
    expect(result?.plan.rewrites.map(({ line }) => line)).toEqual(plainLines.map((line) => line + 3));
  });
});
