import { describe, expect, it } from 'vitest';
import { isNameLike, pageLocation, redactPath } from '../../../src/core/audit/location';
import { DEFAULT_POLICY } from '../../../src/core/policy/defaults';

const policy = DEFAULT_POLICY;
const path = (p: string) => redactPath(p, policy);

/** No letters of a name and no digit may survive in what is recorded. */
function expectNothingOf(recorded: string, ...secrets: string[]) {
  expect(recorded).not.toMatch(/\d/);
  for (const secret of secrets) expect(recorded.toLowerCase()).not.toContain(secret.toLowerCase());
}

describe('recorded paths: personal data hidden', () => {
  it.each([
    // [path, recorded]
    ['/clientes/maria-da-silva-souza/ficha', '/clientes/[NAME]/ficha'],
    ['/busca/João da Silva', '/busca/[QUERY]'],
    ['/busca/Jo%C3%A3o%20da%20Silva', '/busca/[QUERY]'],
    ['/search/ana%40exemplo.com.br', '/search/[QUERY]'],
    ['/pesquisa/nome/Maria Souza/resultados', '/pesquisa/[QUERY]/[QUERY]/[QUERY]'],
    ['/q/cleusa', '/q/[QUERY]'],
    ['/_ui/search/ui/UnifiedSearchResults', '/_ui/search/[QUERY]/[QUERY]'],
    ['/clientes/Jo%C3%A3o%20da%20Silva/', '/clientes/[NAME]/'],
    ['/clientes/Ana+Paula+Ribeiro', '/clientes/[NAME]'],
    ['/customers/john-smith/overview', '/customers/[NAME]/overview'],
    ['/perfil/joana-prates', '/perfil/[NAME]'],
    ['/u/cleusa_furtado/tickets', '/u/[NAME]/tickets'],
    ['/cliente/Conceição', '/cliente/[NAME]'],
    ['/clientes/joao', '/clientes/[NAME]'],
    ['/clientes/apto-12', '/clientes/apto-[#]'],
    ['/clientes/123.456.789-09', '/clientes/[CPF]'],
    ['/clientes/cpf52998224725/ficha', '/clientes/cpf[CPF]/ficha'],
    ['/clientes/ref-00042-b/ficha', '/clientes/ref-[#]-b/ficha'],
    ['/contatos/ana.souza@exemplo.com.br/historico', '/contatos/[EMAIL]/historico'],
    // Salesforce Lightning record pages: 15/18-character ids
    ['/lightning/r/Contact/0035g00000XyZabAAB/view', '/lightning/r/Contact/[#]/view'],
    [
      '/lightning/r/Account/001xx000003DGb2AAG/related/Contacts/view',
      '/lightning/r/Account/[#]/related/Contacts/view',
    ],
    // Zendesk agent workspace
    ['/agent/tickets/4821', '/agent/tickets/[#]'],
    ['/agent/users/391827364/requested_tickets', '/agent/users/[#]/requested_tickets'],
    ['/hc/pt-br/requests/5521', '/hc/pt-br/requests/[#]'],
    // HubSpot
    ['/contacts/4412345/record/0-1/98765', '/contacts/[#]/record/[#]/[#]'],
    ['/contacts/4412345/contact/98765/', '/contacts/[#]/contact/[#]/'],
    // Freshdesk
    ['/a/contacts/80012345678', '/a/contacts/[#]'],
    ['/a/tickets/118', '/a/tickets/[#]'],
    ['/api/v2/tickets/55.json', '/api/v2/tickets/[#].json'],
  ])('%s -> %s', (input, recorded) => {
    expect(path(input)).toBe(recorded);
    // Only an API version (v2) may keep a digit.
    expect(path(input).replace('/v2/', '/')).not.toMatch(/\d/);
  });

  it('a spaced or slashed CPF, a phone and an address in a path keep no digit', () => {
    expectNothingOf(path('/clientes/5%202%209%209%208%202%202%204%207%202%205'));
    expectNothingOf(path('/clientes/529982247/25'));
    expectNothingOf(path('/chat/+55%2011%2098888-7777'));
    expectNothingOf(path('/enderecos/rua-das-flores-apto-12'), 'flores');
  });

  it('a malformed escape is recorded raw only when it holds no digit', () => {
    expect(path('/x/Jo%ZZ')).toBe('/x/Jo%ZZ');
    expectNothingOf(path('/clientes/Jo%C3%A3o%20da%2'), 'jo');
  });
});

describe('recorded paths: route words stay readable', () => {
  it.each([
    '/clientes/novo',
    '/clientes',
    '/atendimento/historico-de-atendimento',
    '/configuracoes/campos-personalizados',
    '/relatórios/visão-geral',
    '/minha-conta/segunda-via-boleto',
    '/fila/chamados-abertos',
    '/tickets/edit',
    '/customers/search',
    '/api/v2/tickets',
    // Salesforce
    '/lightning/o/Case/list',
    '/lightning/page/home',
    '/lightning/n/My_Custom_Tab',
    '/lightning/o/Invoice_Line__c/home',
    '/lightning/o/Custom_Object__c/list',
    '/lightning/setup/SetupOneHome/home',
    // Zendesk
    '/agent/dashboard',
    '/agent/filters/new',
    '/agent/admin/ticket_fields',
    '/hc/pt-br/articles',
    // Freshdesk
    '/a/tickets/filters/all_tickets',
    '/a/admin/ticket_fields',
    '/a/solutions/articles/how-to-reset-password',
    // HubSpot
    '/contacts/objects/contacts/views/all/list',
    '/sales-products-settings',
    '/reports-dashboard',
    '/settings/users/teams',
  ])('%s', (input) => {
    expect(path(input)).toBe(input);
  });
});

describe('isNameLike', () => {
  it('names: list hits, two unknown words, a capitalised accented word', () => {
    for (const s of [
      'maria-da-silva-souza',
      'Silva',
      'joana-prates',
      'Cleusa Furtado',
      'Cliente-Estêvão',
      'Conceição',
    ])
      expect(isNameLike(s), s).toBe(true);
  });

  it('not names: route words, phrases, single plain words, digits only', () => {
    for (const s of [
      'ticket_fields',
      'historico-de-atendimento',
      'how-to-reset-password',
      'Account',
      'Relatório',
      'sales',
      'campos',
      '12345',
      '',
    ])
      expect(isNameLike(s), s).toBe(false);
  });
});

describe('pageLocation', () => {
  it('records origin + hidden path, drops query and fragment', () => {
    expect(
      pageLocation('https://crm.example.com/clientes/maria-da-silva-souza/ficha?cpf=1#x', policy),
    ).toEqual({
      origin: 'https://crm.example.com',
      path: '/clientes/[NAME]/ficha',
    });
  });

  it('keeps only the origin when the policy says so, and "unknown" for non-web URLs', () => {
    expect(pageLocation('https://crm.example.com/clientes/42', { ...policy, logUrl: 'origin' })).toEqual({
      origin: 'https://crm.example.com',
      path: null,
    });
    expect(pageLocation('javascript:alert(1)', policy)).toEqual({ origin: 'unknown', path: null });
  });

  it('control: what the browser hands us before redaction holds the values', () => {
    // Without redactPath the recorded path would carry the name and the digits.
    const raw = new URL('https://crm.example.com/clientes/maria-da-silva-souza/apto-12').pathname;
    expect(raw).toContain('maria-da-silva-souza');
    expect(raw).toMatch(/\d/);
    expect(pageLocation(`https://crm.example.com${raw}`, policy).path).toBe('/clientes/[NAME]/apto-[#]');
  });
});

describe('recorded paths: page files', () => {
  it.each(['/record.html', '/frame-content.html', '/chat.html', '/index.php', '/Default.aspx'])(
    '%s',
    (input) => {
      expect(redactPath(input, policy)).toBe(input);
    },
  );
});

describe('recorded paths: seeded random paths', () => {
  // A small deterministic PRNG: a failure reproduces.
  function prng(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  const PIECES = [
    'clientes',
    'Maria',
    'silva',
    'João',
    '529',
    '982.247-25',
    '٣٤',
    '５２',
    'apto',
    '12',
    'x',
    'v2',
    '%20',
    '%C3%A3',
    '%',
    '-',
    '_',
    '.',
    '+',
    ' ',
    '@',
    'ficha',
    'busca',
    'Account',
    '001xx0',
  ];

  it('never throws and never keeps a digit outside an API version segment (3,000 paths)', () => {
    const rand = prng(11);
    for (let i = 0; i < 3000; i++) {
      const segments = Array.from({ length: 1 + Math.floor(rand() * 5) }, () =>
        Array.from(
          { length: 1 + Math.floor(rand() * 4) },
          () => PIECES[Math.floor(rand() * PIECES.length)],
        ).join(''),
      );
      const input = `/${segments.join('/')}`;
      const recorded = redactPath(input, policy);
      const left = recorded
        .split('/')
        .filter((s) => !/^v\d{1,2}$/i.test(s))
        .join('/');
      expect(left, input).not.toMatch(/\p{Nd}/u);
    }
  });
});
