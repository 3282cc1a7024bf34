import { formatPath, quote, type PathSegment, type RecipeProblem } from './recipe-problem';

/**
 * A strict JSON checker run before JSON.parse: it tells where the text stops being JSON (line and
 * column, which JSON.parse does not always say), refuses nesting deeper than a cap before anything
 * deep is built, and refuses an object that names the same key twice (JSON.parse would silently
 * keep the last one, so a reviewer reading the file could see a different value from the one used).
 */
export type JsonCheck = { ok: true } | { ok: false; problem: RecipeProblem };

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly what: string,
    readonly path = '',
  ) {
    super(what);
  }
}

const numberPattern = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function checkJsonText(text: string, maxDepth: number): JsonCheck {
  const scanner = new Scanner(text, maxDepth);
  try {
    scanner.document();
    return { ok: true };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const { line, column } = lineAndColumn(text, error.offset);
    return {
      ok: false,
      problem: { path: error.path, message: `${error.what} (line ${line}, column ${column})` },
    };
  }
}

class Scanner {
  private offset = 0;
  private readonly path: PathSegment[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  document(): void {
    this.skipSpace();
    this.value(0);
    this.skipSpace();
    if (this.offset < this.text.length) this.fail('the file continues after the end of the JSON value');
  }

  private fail(what: string): never {
    throw new Stop(this.offset, `the file is not valid JSON: ${what}`);
  }

  /** What stands at the current offset, for a message: `found 'x'`, `found U+0007`, `found the end of the file`. */
  private found(): string {
    if (this.offset >= this.text.length) return 'found the end of the file';
    const code = this.text.codePointAt(this.offset)!;
    if (code < 0x20 || code === 0x7f) return `found U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const char = String.fromCodePoint(code);
    return char === "'" ? `found "'"` : `found '${char}'`;
  }

  private skipSpace(): void {
    const { text } = this;
    while (this.offset < text.length) {
      const code = text.charCodeAt(this.offset);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.offset++;
    }
  }

  private value(depth: number): void {
    const char = this.text[this.offset];
    if (char === '{' || char === '[') {
      if (depth + 1 > this.maxDepth) {
        throw new Stop(this.offset, `the file nests objects and arrays deeper than ${this.maxDepth} levels`);
      }
      if (char === '{') this.object(depth + 1);
      else this.array(depth + 1);
    } else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.number();
    else if (this.text.startsWith('true', this.offset)) this.offset += 4;
    else if (this.text.startsWith('false', this.offset)) this.offset += 5;
    else if (this.text.startsWith('null', this.offset)) this.offset += 4;
    else this.fail(`${this.found()} where a value was expected`);
  }

  private object(depth: number): void {
    this.offset++; // {
    this.skipSpace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      if (this.text[this.offset] !== '"')
        this.fail(`${this.found()} where a quoted property name was expected`);
      const keyStart = this.offset;
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.offset)) as string;
      if (keys.has(key)) {
        throw new Stop(
          keyStart,
          `the property ${quote(key)} appears twice in the same object; the file is ambiguous`,
          formatPath([...this.path, key]),
        );
      }
      keys.add(key);
      this.skipSpace();
      if (this.text[this.offset] !== ':')
        this.fail(`${this.found()} where ':' was expected after a property name`);
      this.offset++;
      this.skipSpace();
      this.path.push(key);
      this.value(depth);
      this.path.pop();
      this.skipSpace();
      const next = this.text[this.offset];
      if (next === ',') {
        this.offset++;
        this.skipSpace();
      } else if (next === '}') {
        this.offset++;
        return;
      } else this.fail(`${this.found()} where ',' or '}' was expected after a property value`);
    }
  }

  private array(depth: number): void {
    this.offset++; // [
    this.skipSpace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return;
    }
    for (let index = 0; ; index++) {
      this.path.push(index);
      this.value(depth);
      this.path.pop();
      this.skipSpace();
      const next = this.text[this.offset];
      if (next === ',') {
        this.offset++;
        this.skipSpace();
      } else if (next === ']') {
        this.offset++;
        return;
      } else this.fail(`${this.found()} where ',' or ']' was expected after an array element`);
    }
  }

  private string(): void {
    const { text } = this;
    this.offset++; // opening quote
    for (;;) {
      if (this.offset >= text.length) this.fail('the file ends inside a string');
      const code = text.charCodeAt(this.offset);
      if (code === 0x22) {
        this.offset++;
        return;
      }
      if (code < 0x20) this.fail(`${this.found()} inside a string (control characters must be escaped)`);
      if (code === 0x5c) {
        const escape = text[this.offset + 1];
        if (escape === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(this.offset + 2, this.offset + 6))) {
            this.fail('a \\u escape needs four hexadecimal digits');
          }
          this.offset += 6;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) this.offset += 2;
        else {
          this.offset++;
          this.fail(`${this.found()} after a backslash (not a JSON escape)`);
        }
      } else this.offset++;
    }
  }

  private number(): void {
    numberPattern.lastIndex = this.offset;
    const match = numberPattern.exec(this.text);
    if (!match) this.fail(`${this.found()} where a number was expected`);
    this.offset += match[0].length;
    const next = this.text[this.offset];
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail(`${this.found()} inside a number`);
  }
}
