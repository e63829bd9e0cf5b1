import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from '../../../demo/server';

// A throwaway dist and fixtures folder: the test must not depend on a demo build.
let tmp: string;
let server: DemoServer;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sigilo-demo-server-'));
  mkdirSync(path.join(tmp, 'dist', 'assets'), { recursive: true });
  mkdirSync(path.join(tmp, 'fixtures', 'nested'), { recursive: true });
  writeFileSync(path.join(tmp, 'dist', 'index.html'), '<p>index</p>');
  writeFileSync(path.join(tmp, 'dist', 'record.html'), '<p>record</p>');
  writeFileSync(path.join(tmp, 'dist', 'assets', 'app.js'), 'export {};');
  writeFileSync(path.join(tmp, 'dist', 'assets', 'app.css'), 'p{}');
  writeFileSync(path.join(tmp, 'fixtures', 'nested', 'page.html'), '<p>fixture</p>');
  writeFileSync(path.join(tmp, 'secret.txt'), 'outside');
  server = await startDemoServer({
    distDir: path.join(tmp, 'dist'),
    fixturesDir: path.join(tmp, 'fixtures'),
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('startDemoServer', () => {
  it('listens on 127.0.0.1 on a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url.endsWith(':0')).toBe(false);
  });

  it('serves demo/dist at / with content types and no caching', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('cache-control')).toBe('no-store');
    expect(await index.text()).toBe('<p>index</p>');
    const js = await fetch(`${server.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await fetch(`${server.url}/assets/app.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await (await fetch(`${server.url}/record.html?rows=5`)).text()).toBe('<p>record</p>');
    expect(await (await fetch(`${server.url}/record`)).text()).toBe('<p>record</p>');
  });

  it('serves test/fixtures/pages at /fixtures/', async () => {
    const res = await fetch(`${server.url}/fixtures/nested/page.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<p>fixture</p>');
  });

  it('answers 404 for missing files and for paths that leave the served folders', async () => {
    expect((await fetch(`${server.url}/nope.html`)).status).toBe(404);
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/fixtures/%2e%2e/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
    ]) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('outside');
    }
  });

  it('fails with a clear message when the demo is not built', async () => {
    await expect(startDemoServer({ distDir: path.join(tmp, 'missing') })).rejects.toThrow(
      /run npm run build:demo/,
    );
  });
});
