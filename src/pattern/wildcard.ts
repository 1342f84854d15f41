/**
 * The `wildcard` operator: `*` stands for any run of characters (including none), `\*` for a
 * literal asterisk and `\\` for a literal backslash. As in EventBridge's matcher (aws/event-ruler
 * WildcardParser), consecutive `**` and a backslash before any other character are rejected.
 */

/** Parses a wildcard pattern into the literal pieces between its `*`s; a string is an error message. */
export function parseWildcard(pattern: string): string[] | string {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') {
      if (pattern[i + 1] === '*') return `consecutive wildcard characters at position ${i} are not allowed`;
      pieces.push(current);
      current = '';
    } else if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') return `invalid escape at position ${i}: only \\* and \\\\ may be escaped`;
      current += next;
      i++;
    } else {
      current += char;
    }
  }
  pieces.push(current);
  return pieces;
}

/**
 * Builds a matcher from parsed pieces. Greedy left-to-right search is exact for `*`-only globs
 * (each piece is taken at its earliest position after the previous one), and runs in
 * O(length × pieces) with no regular expression to backtrack.
 */
export function wildcardMatcher(pieces: readonly string[]): (value: string) => boolean {
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return (value) => value === first;
  const last = pieces[pieces.length - 1] ?? '';
  const middle = pieces.slice(1, -1);
  const fixedLength = first.length + last.length;
  return (value) => {
    if (value.length < fixedLength || !value.startsWith(first) || !value.endsWith(last)) return false;
    let at = first.length;
    const end = value.length - last.length;
    for (const piece of middle) {
      const found = value.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}
