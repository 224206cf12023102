// A parser for the one JSON shape a small plugin configuration needs: a flat object whose values
// are all strings, e.g. {"header": "x-hello", "value": "world"}.
//
// AssemblyScript 0.14 has no exceptions a guest can catch (a throw ends the VM), so errors are
// returned as data: the caller checks `error` and refuses the configuration, which the host then
// reports instead of serving with a half-read config.
//
// No `cond ? a : b` picks between strings or objects here: AssemblyScript 0.14 can get the
// reference count of such a result wrong (a leak, or a block freed twice). if/else is safe.

export class FlatJson {
  /** The members in document order; a key appears once. Empty when error is set. */
  readonly keys: string[] = [];
  readonly values: Map<string, string> = new Map();
  /** Why the text was refused (position and what was expected), or "" when it was accepted. */
  error: string = "";

  has(key: string): bool {
    return this.values.has(key);
  }

  /** The value of key, or fallback when the object has no such member. */
  getOr(key: string, fallback: string): string {
    if (this.values.has(key)) return this.values.get(key);
    return fallback;
  }

  /** The first key not in allowed, or "" when every key is known; catches typos in configs. */
  unknownKey(allowed: string[]): string {
    for (let i = 0; i < this.keys.length; i++) {
      if (!allowed.includes(this.keys[i])) return this.keys[i];
    }
    return "";
  }
}

/** Parses text; an empty or all-blank text is an empty object, anything else must be one. */
export function parseFlatJson(text: string): FlatJson {
  const parser = new Parser(text);
  const result = parser.parse();
  if (result.error != "") {
    // Never hand out half-parsed members next to an error.
    result.keys.length = 0;
    result.values.clear();
  }
  return result;
}

class Parser {
  private pos: i32 = 0;
  private readonly result: FlatJson = new FlatJson();

  constructor(private readonly text: string) {}

  parse(): FlatJson {
    this.skipBlanks();
    if (this.pos == this.text.length) return this.result;
    if (!this.expect(0x7b /* { */, "'{'")) return this.result;
    this.skipBlanks();
    if (this.peek() == 0x7d /* } */) {
      this.pos++;
      return this.finish();
    }
    while (true) {
      this.skipBlanks();
      if (this.peek() != 0x22 /* " */) return this.fail("a member name in double quotes");
      const keyStart = this.pos;
      const key = this.readString();
      if (this.result.error != "") return this.result;
      if (this.result.values.has(key)) {
        this.pos = keyStart;
        return this.fail("a key other than \"" + key + "\" (each key may appear once)");
      }
      this.skipBlanks();
      if (!this.expect(0x3a /* : */, "':'")) return this.result;
      this.skipBlanks();
      if (this.peek() != 0x22) return this.fail("a string value in double quotes (only string values are supported)");
      const value = this.readString();
      if (this.result.error != "") return this.result;
      this.result.keys.push(key);
      this.result.values.set(key, value);
      this.skipBlanks();
      const c = this.peek();
      if (c == 0x2c /* , */) {
        this.pos++;
        continue;
      }
      if (c == 0x7d /* } */) {
        this.pos++;
        return this.finish();
      }
      return this.fail("',' or '}'");
    }
    return this.result; // unreachable; the compiler wants a return after the loop
  }

  private finish(): FlatJson {
    this.skipBlanks();
    if (this.pos != this.text.length) return this.fail("the end of the text after the object");
    return this.result;
  }

  /** Reads a string starting at the opening quote; sets error on a bad escape or a missing end. */
  private readString(): string {
    this.pos++; // opening quote
    const parts: string[] = [];
    let runStart = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c == 0x22 /* " */) {
        parts.push(this.text.substring(runStart, this.pos));
        this.pos++;
        return parts.join("");
      }
      if (c < 0x20) {
        this.fail("no raw control character inside a string (use an escape such as \\n)");
        return "";
      }
      if (c != 0x5c /* \ */) {
        this.pos++;
        continue;
      }
      parts.push(this.text.substring(runStart, this.pos));
      this.pos++;
      const escaped = this.readEscape();
      if (this.result.error != "") return "";
      parts.push(escaped);
      runStart = this.pos;
    }
    this.fail("a closing '\"'");
    return "";
  }

  /** Reads the part of an escape after the backslash. */
  private readEscape(): string {
    if (this.pos >= this.text.length) {
      this.fail("an escape character after '\\'");
      return "";
    }
    const c = this.text.charCodeAt(this.pos);
    this.pos++;
    switch (c) {
      case 0x22: return "\"";
      case 0x5c: return "\\";
      case 0x2f: return "/";
      case 0x62: return "\b";
      case 0x66: return "\f";
      case 0x6e: return "\n";
      case 0x72: return "\r";
      case 0x74: return "\t";
      case 0x75: { // \uXXXX: one UTF-16 code unit; a surrogate pair is two escapes in a row
        let unit = 0;
        for (let i = 0; i < 4; i++) {
          const digit = hexValue(this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1);
          if (digit < 0) {
            this.fail("four hex digits after \\u");
            return "";
          }
          unit = (unit << 4) | digit;
          this.pos++;
        }
        return String.fromCharCode(unit);
      }
    }
    this.pos--;
    this.fail("one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    return "";
  }

  private peek(): i32 {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  private expect(c: i32, what: string): bool {
    if (this.peek() != c) {
      this.fail(what);
      return false;
    }
    this.pos++;
    return true;
  }

  private skipBlanks(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) return;
      this.pos++;
    }
  }

  private fail(expected: string): FlatJson {
    if (this.result.error == "") {
      let found = "the end of the text";
      if (this.pos < this.text.length) found = "'" + this.text.charAt(this.pos) + "'";
      this.result.error = "at offset " + this.pos.toString() + ": found " + found
          + " (expected: " + expected + ")";
    }
    return this.result;
  }
}

function hexValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
