/**
 * A syntax check for CSS selectors that works without a DOM (the core runs in
 * Node and in the service worker, which has no `document`). Pages with a DOM
 * (options page, content script) additionally try `querySelector`. Braces and
 * semicolons are refused because selectors end up in stylesheets the content
 * script writes: "x{}body{display:none" must not become a second rule.
 */
export function selectorProblem(value: unknown): { en: string; pt: string } | null {
  if (typeof value !== 'string') return { en: 'must be a string', pt: 'deve ser um texto' };
  const s = value.trim();
  if (s.length === 0) return { en: 'must not be empty', pt: 'não pode ser vazio' };
  if (s.length > 1000) return { en: 'is longer than 1000 characters', pt: 'tem mais de 1000 caracteres' };
  if (/[{};]/.test(s))
    return { en: 'must not contain "{", "}" or ";"', pt: 'não pode conter "{", "}" nem ";"' };
  if (/^[>+~,]|[>+~,]\s*$/.test(s))
    return {
      en: 'starts or ends with a combinator or comma',
      pt: 'começa ou termina com um combinador ou vírgula',
    };
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
      if ((c === ')' && open !== '(') || (c === ']' && open !== '['))
        return { en: `has an unbalanced "${c}"`, pt: `tem um "${c}" sem par` };
    }
  }
  if (quote) return { en: 'has an unterminated string', pt: 'tem um texto entre aspas não terminado' };
  if (stack.length > 0)
    return {
      en: `has an unclosed "${stack[stack.length - 1]}"`,
      pt: `tem um "${stack[stack.length - 1]}" não fechado`,
    };
  return null;
}
