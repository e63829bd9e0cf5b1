/**
 * A syntax check for CSS selectors that works without a DOM (the core runs in
 * Node and in the service worker, which has no `document`). Pages with a DOM
 * (options page, content script) additionally try `querySelector`. Braces and
 * semicolons are refused because selectors end up in stylesheets the content
 * script writes: "x{}body{display:none" must not become a second rule.
 */
export function selectorProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const s = value.trim();
  if (s.length === 0) return 'must not be empty';
  if (s.length > 1000) return 'is longer than 1000 characters';
  if (/[{};]/.test(s)) return 'must not contain "{", "}" or ";"';
  if (/^[>+~,]|[>+~,]\s*$/.test(s)) return 'starts or ends with a combinator or comma';
  const stack: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') stack.push(c);
    else if (c === ')' || c === ']') {
      const open = stack.pop();
      if ((c === ')' && open !== '(') || (c === ']' && open !== '[')) return `has an unbalanced "${c}"`;
    }
  }
  if (quote) return 'has an unterminated string';
  if (stack.length > 0) return `has an unclosed "${stack[stack.length - 1]}"`;
  return null;
}
