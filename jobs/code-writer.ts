/**
 * An indentation-aware line builder for the generated Python: emitters say what a line is and
 * which block it sits in; the writer owns indentation, so no emitter pads strings by hand.
 */
export class CodeWriter {
  private readonly out: string[] = [];
  private depth = 0;

  constructor(private readonly unit = "    ") {}

  /** One line at the current depth; an empty line stays empty (no trailing spaces). */
  line(text = ""): this {
    this.out.push(text === "" ? "" : this.unit.repeat(this.depth) + text);
    return this;
  }

  lines(texts: ReadonlyArray<string>): this {
    for (const t of texts) this.line(t);
    return this;
  }

  /** `header` (ending in ":"), then `body` one level deeper. */
  block(header: string, body: (w: this) => void): this {
    this.line(header);
    return this.indented(body);
  }

  /** `body` one level deeper, without a header line (continuations inside brackets). */
  indented(body: (w: this) => void): this {
    this.depth++;
    body(this);
    this.depth--;
    return this;
  }

  /**
   * A bracketed list over several lines, one item per line, comma-separated. Python takes a
   * trailing comma after the last item (`trailing`); SQL does not.
   */
  list(open: string, items: ReadonlyArray<string>, close: string, trailing = true): this {
    if (items.length === 0) return this.line(`${open}${close}`);
    this.line(open);
    this.indented((w) => w.lines(items.map((item, i) => (trailing || i < items.length - 1 ? `${item},` : item))));
    return this.line(close);
  }

  toString(): string {
    return this.out.join("\n");
  }
}
