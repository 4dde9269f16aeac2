// A parser of RFC 8941 structured-field Lists (items with parameters; inner lists refused),
// following the RFC's parsing algorithms (section 4.2): what a client of the IETF rate-limit
// headers draft runs. Throws on anything the grammar does not allow.
export type BareItem = number | string | boolean | { token: string } | { bytes: string };
export interface Item {
  value: BareItem;
  params: Map<string, BareItem>;
}

export function parseList(input: string): Item[] {
  const state = { s: input.replace(/^ +| +$/g, ""), i: 0 };
  const members: Item[] = [];
  while (state.i < state.s.length) {
    if (state.s[state.i] === "(") throw new Error("inner lists are not expected here");
    members.push(parseItem(state));
    skip(state, /[ \t]/);
    if (state.i >= state.s.length) return members;
    if (state.s[state.i++] !== ",") throw new Error(`expected "," at ${state.i - 1}`);
    skip(state, /[ \t]/);
    if (state.i >= state.s.length) throw new Error("trailing comma");
  }
  return members;
}

type State = { s: string; i: number };

function skip(state: State, chars: RegExp) {
  while (state.i < state.s.length && chars.test(state.s[state.i]!)) state.i++;
}

function parseItem(state: State): Item {
  const value = parseBareItem(state);
  const params = new Map<string, BareItem>();
  while (state.s[state.i] === ";") {
    state.i++;
    skip(state, / /);
    const key = parseKey(state);
    let v: BareItem = true;
    if (state.s[state.i] === "=") {
      state.i++;
      v = parseBareItem(state);
    }
    params.set(key, v);
  }
  return { value, params };
}

function parseKey(state: State): string {
  const match = /^[a-z*][a-z0-9_\-.*]*/.exec(state.s.slice(state.i));
  if (!match) throw new Error(`bad key at ${state.i}`);
  state.i += match[0].length;
  return match[0];
}

function parseBareItem(state: State): BareItem {
  const rest = state.s.slice(state.i);
  const c = rest[0];
  if (c === '"') {
    let out = "";
    for (let j = 1; j < rest.length; j++) {
      const ch = rest[j]!;
      if (ch === "\\") {
        const next = rest[++j];
        if (next !== '"' && next !== "\\") throw new Error("bad escape");
        out += next;
      } else if (ch === '"') {
        state.i += j + 1;
        return out;
      } else if (ch < " " || ch > "~") throw new Error("bad string character");
      else out += ch;
    }
    throw new Error("unterminated string");
  }
  const number = /^-?\d{1,15}(\.\d{1,3})?/.exec(rest);
  if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
    if (!number) throw new Error(`bad number at ${state.i}`);
    if (!number[1] && number[0].replace("-", "").length > 15) throw new Error("integer too long");
    state.i += number[0].length;
    return Number(number[0]);
  }
  const token = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/.exec(rest);
  if (token) {
    state.i += token[0].length;
    return { token: token[0] };
  }
  if (c === "?") {
    if (rest[1] !== "0" && rest[1] !== "1") throw new Error("bad boolean");
    state.i += 2;
    return rest[1] === "1";
  }
  const bytes = /^:([A-Za-z0-9+/=]*):/.exec(rest);
  if (bytes) {
    state.i += bytes[0].length;
    return { bytes: bytes[1]! };
  }
  throw new Error(`unexpected ${JSON.stringify(c)} at ${state.i}`);
}
