// A directive's arguments kept as ranges until something reads them. The analysis reads the
// arguments of a few dozen directives; building a token (and its string) for every word made the
// parser spend most of its time allocating and then garbage-collecting them.
import type { NginxBlock, NginxDirective, NginxToken } from './ast';
import { makeToken } from './tokenizer';

/**
 * Where the words of a large file are written while it is read, shared by all parses (parsing is
 * synchronous, so they never overlap): creating a typed array costs more than a small file takes
 * to parse, and a plain array grows slowly for a large one.
 */
let shared = new Int32Array(3 * 4096);
/** Files shorter than this write their words to a plain array of their own. */
const smallText = 1 << 15;
/** A shared buffer grown past this many words for a huge file is dropped afterwards rather than kept. */
const keptWords = 1 << 18;

/** The argument words of one file, three numbers each (start, end, WordFlags), in reading order. */
export class WordSpans {
  /** A plain array for a small file; for a large one `shared` while it is read, then its own copy. */
  private data: Int32Array | number[];
  count = 0;

  constructor(readonly text: string) {
    this.data = text.length < smallText ? [] : shared;
  }

  add(start: number, end: number, flags: number): void {
    const data = this.data;
    this.count++;
    if (data !== shared) {
      (data as number[]).push(start, end, flags);
      return;
    }
    let at = (this.count - 1) * 3;
    if (at + 3 > shared.length) {
      const larger = new Int32Array(shared.length * 2);
      larger.set(shared);
      this.data = shared = larger;
    }
    shared[at++] = start;
    shared[at++] = end;
    shared[at] = flags;
  }

  /** Called once the file is read: a large file takes its words out of the shared buffer. */
  seal(): void {
    if (this.data !== shared) return;
    this.data = shared.slice(0, this.count * 3);
    if (shared.length > 3 * keptWords) shared = new Int32Array(3 * 4096);
  }

  endOf(index: number): number {
    return this.data[index * 3 + 1];
  }

  tokens(from: number, count: number): NginxToken[] {
    const tokens: NginxToken[] = [];
    for (let at = from * 3; at < (from + count) * 3; at += 3)
      tokens.push(makeToken(this.text, this.data[at], this.data[at + 1], this.data[at + 2]));
    return tokens;
  }
}

/** A directive whose `args` are built on first read (and kept); otherwise a plain NginxDirective. */
export class ParsedDirective implements NginxDirective {
  block: NginxBlock | undefined = undefined;
  private argTokens: NginxToken[] | undefined = undefined;

  constructor(
    public name: NginxToken,
    public start: number,
    public end: number,
    public terminated: boolean,
    private readonly words: WordSpans,
    private readonly firstArg: number,
    private readonly argCount: number,
  ) {}

  get args(): NginxToken[] {
    return (this.argTokens ??= this.words.tokens(this.firstArg, this.argCount));
  }

  set args(args: NginxToken[]) {
    this.argTokens = args;
  }

  /** Where the last word ends, read without building the arguments. */
  get lastWordEnd(): number {
    return this.argCount > 0 ? this.words.endOf(this.firstArg + this.argCount - 1) : this.name.end;
  }

  /** The plain shape, in the property order a parsed directive always had. */
  toJSON(): NginxDirective {
    return { name: this.name, args: this.args, block: this.block, start: this.start, end: this.end, terminated: this.terminated };
  }
}
