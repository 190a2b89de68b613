// The codemod's comments come from the text and the tree (`commentsOf`), not from typescript-estree's
// `comment: true`. Each text here is parsed both ways: the comments must be the same, type, value,
// range and position. `//` and `/*` inside strings, templates, regexes and JSX text are no comments.
import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { parseModuleText } from '../src/analysis/parse-options';

const TEXTS: Record<string, string> = {
  'lines and blocks.ts': '// one\nconst a = 1; /* two */ const b = /* three */ 2;\n/**\n * four\n */\nexport {};\n',
  'strings.ts': "const url = 'http://example.com/*not*/';\nconst other = \"// not either\"; // but this\n",
  'templates.ts': 'const t = `a // b ${/* inside */ 1} /* c */ ${`//${2}`}`;\ntype T = `x//${string}`; // after\n',
  'regexes.ts': 'const r = /\\/\\/ no/g; const s = /[/*]/; const d = 4 / 2 / 1; // yes\nconst e = a //comment\n  / b;\n',
  'jsx.tsx': 'export const A = () => (\n  <div title="//no" /* attribute */>\n    // text, not a comment\n    {/* child */}\n    http://also.text\n  </div>\n);\n',
  'line ends.ts': 'const a = 1; // crlf\r\nconst b = 2; // cr\rconst c = 3; // ls\u2028const d = 4; /* multi\r\n line */\n',
  'shebang.ts': '#!/usr/bin/env node\n// first\nexport const x = 1;\n',
  'unterminated line.ts': 'export const x = 1; // no newline at the end',
  'empty block.ts': 'function f() { /**/ return /* bare */; }\nlet x = a /*/ b */;\n',
  'decorators.ts': '@dec(/* arg */ "s") class A { @field /* f */ x = `//`; }\n',
};

function estreeComments(text: string, filename: string) {
  return parse(text, { jsx: filename.endsWith('.tsx'), range: true, loc: true, comment: true, filePath: filename }).comments;
}

describe('comments found from the text and the tree', () => {
  for (const [filename, text] of Object.entries(TEXTS)) {
    it(`match typescript-estree's: ${filename}`, () => {
      expect(parseModuleText(text, filename).ast.comments).toEqual(estreeComments(text, filename));
    });
  }

  it('skips strings, templates and regexes', () => {
    const text = "const s = '/* no */'; const t = `// no`; const r = /\\/\\//; // yes\n";
    const at = text.lastIndexOf('//');
    expect(parseModuleText(text, 'skip.ts').ast.comments).toEqual([
      { type: 'Line', value: ' yes', range: [at, at + 6], loc: { start: { line: 1, column: at }, end: { line: 1, column: at + 6 } } },
    ]);
  });

  it('are left out with comments: false', () => {
    expect(parseModuleText('// a\nexport {};\n', 'none.ts', undefined, { comments: false }).ast.comments ?? []).toEqual([]);
  });
});
