import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCollector, UI_DIR } from '../../src/collector/collector';
import { FakeInstall, ORG_KEY } from '../collector/helpers';
import { appendShift } from '../collector/shift';
import { launchPlain } from './harness';
import { axeViolations, setZoom } from './harness/axe';
import { rawCodesIn, rawCodesOnScreen } from './harness/raw-codes';
import { startTestCollector } from './harness/test-collector';

// The supervisor console in a real browser: a supervisor signs in with the
// keyboard and reads what uploads (sealed by the extension's chain code, sent
// to the real endpoint) put there, in pt-BR, English and Spanish.
const TOKEN = 'e2e-ingest-token-0123456789';
const PASSWORD = 'e2e supervisor password';
const CPF = '529.982.247-25';
const ZONES = { pt: 'America/Sao_Paulo', en: 'UTC', es: 'Europe/Madrid' } as const;

/** The latest midnight among the zones the test browses in, so "today" holds the shift in all of them. */
function latestMidnight(now: number): number {
  let latest = 0;
  for (const timeZone of Object.values(ZONES)) {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(now));
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    latest = Math.max(latest, now - ((n('hour') * 60 + n('minute')) * 60 + n('second')) * 1000);
  }
  return latest;
}

function zoneName(locale: string, timeZone: string): string {
  return (
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}

describe('supervisor console (Chromium)', () => {
  let collector: RunningCollector;
  let browser: Browser;
  const cspViolations: string[] = [];
  const ana = new FakeInstall(undefined, 'agent.ana');
  const bruno = new FakeInstall(undefined, 'agent.bruno');
  const carla = new FakeInstall(undefined, 'agent.carla');

  async function upload(install: FakeInstall) {
    const res = await fetch(`${collector.url}/api/v1/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(await install.signed(install.batch(install.records))),
    });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    if (!existsSync(path.join(UI_DIR, 'index.html'))) {
      throw new Error(`The collector UI is not built in ${UI_DIR}: run "npm run build:collector-ui" first.`);
    }
    collector = await startTestCollector({
      ingestToken: TOKEN,
      fingerprintKey: ORG_KEY,
      supervisorPassword: PASSWORD,
    });
    browser = await launchPlain();
    // Today: a stretch of ana's shift (hides, a timer, a flagged reveal, a refusal, an attempts burst).
    const now = Date.now();
    await appendShift(ana, Math.max(now - 4 * 60_000, latestMidnight(now) + 1000), {
      cpf: CPF,
      stepSeconds: 40,
    });
    // Two busy hours a day and a half apart: the chart's axis must run through the empty ones.
    await bruno.append({
      requestedAt: '2026-11-26T14:10:00.000Z',
      kind: 'PHONE',
      reasonId: 'identity-check',
    });
    await bruno.append({
      requestedAt: '2026-11-28T01:20:00.000Z',
      kind: 'EMAIL',
      reasonId: 'customer-request',
    });
    // One agent-hour far above the team's usual: an unusual-volume spike.
    for (let i = 0; i < 12; i++)
      await carla.append({ requestedAt: new Date(Date.UTC(2026, 10, 25, 10, i * 4)).toISOString() });
    for (const install of [ana, bruno, carla]) await upload(install);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  async function open(locale: 'pt' | 'en' | 'es', colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const context = await browser.newContext({
      locale: { pt: 'pt-BR', en: 'en-US', es: 'es-MX' }[locale],
      timezoneId: ZONES[locale],
      colorScheme,
    });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) cspViolations.push(msg.text());
    });
    await page.goto(collector.url);
    return page;
  }

  async function signIn(page: Page, passwordLabel: RegExp) {
    const password = page.getByLabel(passwordLabel);
    await password.focus();
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#main-heading').and(page.locator(':focus')).waitFor();
  }

  const mainHeading = (page: Page) => page.locator('#main-heading').textContent();

  it('signs in by keyboard, lands focused on the first screen: anomalies first, then each agent, then drill-down', async () => {
    const page = await open('en');
    await page.getByRole('heading', { name: 'Supervisor sign-in' }).waitFor();
    const password = page.getByLabel('Password');
    await password.focus();
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong user name or password');
    await signIn(page, /^Password$/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-heading');
    expect(await mainHeading(page)).toBe('Today');

    // Today's figures: ana's 3 reveals shown, 1 refused, 3 anomaly records.
    await page.locator('.sg-figures').waitFor();
    const figures = await page.locator('.sg-figure').allTextContents();
    expect(figures).toEqual(['3 anomalies', '1 refusal', '3 reveals']);

    // What needs a look comes first, and holds no ordinary hide.
    const attention = page.getByRole('table', { name: 'Look at these first' });
    const attentionText = (await attention.textContent()) ?? '';
    expect(await attention.locator('tbody tr').count()).toBe(5);
    expect(attentionText).toContain('Over the limit');
    expect(attentionText).toContain('More than 40 reveal attempts');
    expect(attentionText).toContain('Refused (Hourly limit reached)');
    expect(attentionText).not.toContain('Hidden');
    const order = await page.locator('h2').allTextContents();
    expect(order.indexOf('Look at these first')).toBeLessThan(order.indexOf('Agents today'));

    // Drill-down from the agent to their events, focus on the new heading.
    await page
      .getByRole('table', { name: 'Agents today' })
      .getByRole('button', { name: 'agent.ana' })
      .click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-heading');
    expect(await mainHeading(page)).toBe("agent.ana's events");
    const reveals = page.getByRole('table', { name: /4 of 4 reveals/ });
    await reveals.waitFor();
    // One row per reveal: the re-mask records are folded into their reveal's row.
    expect(await reveals.locator('tbody tr').count()).toBe(4);
    const revealsText = (await reveals.textContent()) ?? '';
    expect(revealsText).toContain('shown for 42 s, hidden by the agent');
    expect(revealsText).toContain('shown for 30 s, hidden when time ran out');
    expect(revealsText).toContain('Bank account');
    expect(revealsText).not.toContain('Hidden again');
    await page.getByRole('button', { name: 'Back to every agent' }).click();
    expect(await mainHeading(page)).toBe('Today');
    expect(cspViolations).toEqual([]);
  });

  it('draws reveals on a continuous time axis: 26/11 14h to 28/11 01h is 36 hours, the empty ones zero', async () => {
    const page = await open('en');
    await signIn(page, /^Password$/);
    await page.getByRole('button', { name: 'Charts' }).click();
    await page.locator('#volume-filter-agent').selectOption('agent.bruno');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const figure = page.locator('figure.sg-chart');
    await expect.poll(() => figure.getAttribute('data-points')).toBe('36');
    // uPlot drew it (a canvas), and screen readers get its summary and its numbers.
    expect(await figure.locator('canvas').count()).toBeGreaterThan(0);
    const chart = page.getByRole('img', { name: /Reveals per agent over time/ });
    expect(await chart.count()).toBe(1);
    const summary = (await page.locator('#volume-chart-desc').textContent()) ?? '';
    expect(summary).toMatch(/^2 reveals from .* \(Coordinated Universal Time\); peak of 1 at /);
    await page.getByText('Show the chart data as a table').click();
    expect(
      await page.getByRole('region', { name: 'Show the chart data as a table' }).locator('tbody tr').count(),
    ).toBe(36);
    // Split by kind: names for people.
    await page.getByLabel('Split by').selectOption('kind');
    await expect
      .poll(() => page.locator('#volume-chart-desc').textContent())
      .toContain('Phone: 1; E-mail: 1');
    expect(cspViolations).toEqual([]);
  });

  it('scrolls the reveals table by keyboard at 200 % zoom', async () => {
    const page = await open('en');
    await setZoom(page, 200);
    await signIn(page, /^Password$/);
    await page.getByRole('button', { name: 'Reveals', exact: true }).click();
    const region = page.getByRole('region', { name: /of 18 reveals/ });
    await region.waitFor();
    expect(await region.getAttribute('tabindex')).toBe('0');
    const scroll = () =>
      region.evaluate((el) => ({ left: el.scrollLeft, max: el.scrollWidth - el.clientWidth }));
    expect((await scroll()).max).toBeGreaterThan(0);
    expect((await scroll()).left).toBe(0);
    // Reached with Tab like any control, then moved with the arrow keys.
    await page.getByRole('button', { name: 'Refresh' }).focus();
    for (let i = 0; i < 10 && !(await region.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await scroll()).left).toBeGreaterThan(0);
    await page.keyboard.press('End');
    expect(cspViolations).toEqual([]);
  });

  it('axe finds nothing on any screen or state, at 100 % and at 200 % zoom, light and dark', async () => {
    const problems: string[] = [];
    for (const [zoom, scheme] of [
      [100, 'light'],
      [200, 'light'],
      [100, 'dark'],
    ] as const) {
      const page = await open('en', scheme);
      if (zoom !== 100) await setZoom(page, zoom);
      const check = async (state: string) => {
        for (const v of await axeViolations(page))
          problems.push(`${zoom}% ${scheme} ${state}: ${v.id} ${v.targets.join(' ')}`);
      };
      await page.getByRole('heading', { name: 'Supervisor sign-in' }).waitFor();
      await check('login');
      await page.getByLabel('Password').fill('wrong');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByRole('alert').waitFor();
      await check('login error');
      await signIn(page, /^Password$/);
      await page.locator('.sg-figures').waitFor();
      await page.locator('#today-chart-desc').waitFor();
      await check('today');
      await page
        .getByRole('table', { name: 'Agents today' })
        .getByRole('button', { name: 'agent.ana' })
        .click();
      await page.getByRole('table', { name: /of 4 reveals/ }).waitFor();
      await page.locator('#agent-chart-desc').waitFor();
      await check('drill-down');
      const tabs: [string, () => Promise<unknown>][] = [
        ['Anomalies', () => page.getByRole('heading', { name: 'Unusual volume' }).waitFor()],
        ['Reveals', () => page.getByRole('table', { name: /of 18 reveals/ }).waitFor()],
        ['Charts', () => page.locator('#volume-chart-desc').waitFor()],
        ['Integrity', () => page.getByRole('heading', { name: 'Installs' }).waitFor()],
        ['Data-subject report', () => page.getByLabel("Data subject's value").waitFor()],
        ['Access log', () => page.getByText(/Chain intact/).waitFor()],
      ];
      for (const [tab, ready] of tabs) {
        await page.getByRole('button', { name: tab, exact: true }).click();
        await ready();
        await check(tab);
      }
      await page.getByRole('button', { name: 'Charts', exact: true }).click();
      await page.getByText('Show the chart data as a table').click();
      await check('chart data table open');
      await page.getByRole('button', { name: 'Data-subject report', exact: true }).click();
      await page.getByLabel("Data subject's value").fill(CPF);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText('1 event with this value').waitFor();
      await check('subject report result');
      await page.route('**/api/v1/reveals*', (route) =>
        route.fulfill({
          status: 400,
          contentType: 'application/json',
          body: '{"error":"bad-filter","reason":"from: bad"}',
        }),
      );
      await page.getByRole('button', { name: 'Reveals', exact: true }).click();
      await page.getByRole('alert').waitFor();
      await check('reveals error');
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });

  it('no screen shows an internal code, in pt-BR, English or Spanish; one time zone, named', async () => {
    // The helper itself finds what it is meant to find.
    expect(
      rawCodesIn('BANK_ACCOUNT customer-request remask:hide over-limit limit-per-hour', ['ok']),
    ).toHaveLength(6);

    const found: string[] = [];
    for (const locale of ['pt', 'en', 'es'] as const) {
      const page = await open(locale);
      const scan = async (screen: string) => {
        for (const code of await rawCodesOnScreen(page)) found.push(`${locale} ${screen}: ${code}`);
      };
      const tab = {
        pt: [
          'Hoje',
          'Anomalias',
          'Revelações',
          'Gráficos',
          'Integridade',
          'Relatório do titular',
          'Registro de acessos',
        ],
        en: ['Today', 'Anomalies', 'Reveals', 'Charts', 'Integrity', 'Data-subject report', 'Access log'],
        es: [
          'Hoy',
          'Anomalías',
          'Revelaciones',
          'Gráficos',
          'Integridad',
          'Informe del titular',
          'Registro de accesos',
        ],
      }[locale];
      await page.locator('#main-heading').waitFor();
      await scan('login');
      await signIn(page, { pt: /^Senha$/, en: /^Password$/, es: /^Contraseña$/ }[locale]);
      expect(await mainHeading(page)).toBe(tab[0]);
      await page.locator('.sg-figures').waitFor();
      await page.locator('#today-chart-desc').waitFor();
      await scan('today');
      const zone = zoneName({ pt: 'pt-BR', en: 'en', es: 'es' }[locale], ZONES[locale]);
      // The zone named in the tables' time column and under the chart, the same everywhere.
      expect(await page.locator('thead th').first().textContent()).toContain(zone);
      expect(await page.locator('#today-chart-title').textContent()).toContain(zone);
      await page.locator('tr[data-agent="agent.ana"] button').click();
      await page.locator('#agent-chart-desc').waitFor();
      await scan('drill-down');
      for (const name of tab.slice(1)) {
        await page.getByRole('button', { name, exact: true }).click();
        await page.locator('#main-heading', { hasText: name }).waitFor();
        await page.locator('table, .sg-empty, form').first().waitFor();
        await page.waitForLoadState('networkidle');
        await scan(name);
        if (name === tab[1]) {
          // The spike's hour is in the viewer's zone, named.
          expect(await page.locator('table').last().locator('thead').textContent()).toContain(zone);
        }
      }
      await page.context().close();
    }
    expect(found).toEqual([]);
  });

  it('follows the browser language and remembers the one chosen in the header', async () => {
    const page = await open('pt');
    await page.getByRole('heading', { name: 'Entrar como supervisor' }).waitFor();
    await page.getByLabel('Idioma').selectOption('es');
    await page.getByRole('heading', { name: 'Iniciar sesión como supervisor' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.reload();
    await page.getByRole('heading', { name: 'Iniciar sesión como supervisor' }).waitFor();
    await signIn(page, /^Contraseña$/);
    expect(await mainHeading(page)).toBe('Hoy');
    expect(await page.locator('.sg-figure').first().textContent()).toBe('3 anomalías');
    expect(cspViolations).toEqual([]);
  });

  it('keeps the data-subject report and the access log in words', async () => {
    const page = await open('en');
    await signIn(page, /^Password$/);
    await page.getByRole('button', { name: 'Data-subject report' }).click();
    await page.getByLabel("Data subject's value").fill('52998224725');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 event with this value').waitFor();
    const report = (await page.getByRole('table').textContent()) ?? '';
    expect(report).toContain('agent.ana');
    expect(report).toContain('Customer request');
    expect(await page.getByLabel("Data subject's value").inputValue()).toBe('');
    await page.getByRole('button', { name: 'Access log' }).click();
    await page.getByText(/Chain intact \(\d+ entries\)/).waitFor();
    const access = (await page.getByRole('table').textContent()) ?? '';
    for (const action of ['Wrong password', 'Signed in', 'Data-subject report'])
      expect(access).toContain(action);
    expect(access).toContain('Kind of data: CPF · Found: 2 · Cut: no');
    expect(access).toContain('How: password · Role: auditor');
    expect(access).not.toContain('52998224725');
    expect(cspViolations).toEqual([]);
  });

  it('shows a broken chain in Portuguese for a pt-BR browser', async () => {
    const dora = new FakeInstall(undefined, 'agent.dora');
    const records = await dora.appendMany(3);
    // An edited record: its hash no longer matches (tampering after sealing).
    records[1] = { ...(records[1] as (typeof records)[number]), reasonId: 'other' };
    dora.records.splice(0, 3, ...records);
    await upload(dora);

    const page = await open('pt');
    await page.getByLabel('Senha').fill('senha errada');
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('usuário ou senha incorretos');
    await page.getByLabel('Senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Entrar', exact: true }).click();
    await page.getByRole('button', { name: 'Integridade' }).click();
    const row = page.locator(`tr[data-install-id="${dora.installId}"]`);
    await row.waitFor();
    expect(await row.getByRole('status').textContent()).toContain('Cadeia violada');
    expect(await page.getByRole('table').nth(1).textContent()).toContain(
      'Registro alterado (hash não confere)',
    );
    expect(cspViolations).toEqual([]);
  });
});
