import os from 'node:os';
import { generateEscrowKeyPair } from './auth/escrow-key';
import { hashPassword } from './auth/password';
import { ConfigError, readConfig } from './config';
import { openStore } from './store/open-store';
import { ROLES, type Role } from './store/types';

/**
 * `npm run -s collector:users -- <command>`: named accounts in the collector's
 * database (same DATABASE_URL / SIGILO_DATA_DIR as the collector).
 *   add <username> --role <supervisor|auditor>   password from standard input
 *   passwd <username>                            new password from standard input
 *   list
 *   disable <username> | enable <username>
 *   escrow-keygen                                a new SIGILO_ESCROW_PRIVATE_KEY
 * Every change is appended to the access log, and a new password or a disabled
 * account ends that account's sessions at once.
 */
const USAGE = `usage: collector:users -- add <username> --role <${ROLES.join('|')}>  (password on stdin)
       collector:users -- passwd <username>  (password on stdin)
       collector:users -- list
       collector:users -- disable <username>
       collector:users -- enable <username>
       collector:users -- escrow-keygen`;

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
const MIN_PASSWORD = 12;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is what `echo` or a here-string adds; it is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function username(value: string | undefined): string {
  if (!value || !USERNAME.test(value)) {
    throw new UsageError(
      'username: 1-64 letters, digits or . _ @ - (names starting "sso:" belong to single sign-on)',
    );
  }
  return value;
}

async function password(): Promise<string> {
  const text = await readStdin();
  if (text.length < MIN_PASSWORD)
    throw new UsageError(`password (stdin): at least ${MIN_PASSWORD} characters`);
  return text;
}

export async function run(args: string[], out: (line: string) => void = console.log): Promise<void> {
  const [command, ...rest] = args;
  if (command === 'escrow-keygen') {
    const pair = generateEscrowKeyPair();
    out(`SIGILO_ESCROW_PRIVATE_KEY=${pair.privateKey}`);
    out(`# public key (served to extensions at /api/v1/enrolment): ${pair.publicKey}`);
    return;
  }
  if (!command || !['add', 'passwd', 'list', 'disable', 'enable'].includes(command))
    throw new UsageError(USAGE);
  const store = await openStore(readConfig());
  const actor = `cli:${os.userInfo().username}`;
  const audit = (action: string, detail: Record<string, string | boolean>) =>
    store.appendAccess({ at: new Date().toISOString(), actor, action, detail: JSON.stringify(detail) });
  try {
    if (command === 'list') {
      for (const a of await store.listAccounts()) {
        out(`${a.username}\t${a.role}\t${a.source}\t${a.disabled ? 'disabled' : 'active'}`);
      }
      return;
    }
    const name = username(rest[0]);
    const existing = await store.getAccount(name);
    if (command === 'add') {
      const roleAt = rest.indexOf('--role');
      const role = rest[roleAt + 1] as Role | undefined;
      if (roleAt < 0 || !role || !ROLES.includes(role))
        throw new UsageError(`--role: one of ${ROLES.join(', ')}`);
      if (existing) throw new UsageError(`${name} exists already (use passwd, enable or disable)`);
      await store.putAccount({
        username: name,
        role,
        passwordHash: await hashPassword(await password()),
        source: 'local',
      });
      await audit('account-add', { username: name, role });
      out(`added ${name} (${role})`);
      return;
    }
    if (!existing) throw new UsageError(`${name}: no such account`);
    if (command === 'passwd') {
      await store.putAccount({
        ...existing,
        passwordHash: await hashPassword(await password()),
        source: 'local',
      });
      await audit('account-password', { username: name });
      out(`password of ${name} changed; its sessions ended`);
      return;
    }
    const disabled = command === 'disable';
    await store.setDisabled(name, disabled);
    await audit(disabled ? 'account-disable' : 'account-enable', { username: name });
    out(disabled ? `disabled ${name}; its sessions ended` : `enabled ${name}`);
  } finally {
    await store.close();
  }
}

const invoked = process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '');
if (invoked) {
  run(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      console.error(`collector:users: ${error.message}`);
      process.exit(2);
    }
    console.error(`collector:users: failed: ${error instanceof Error ? error.name : 'unknown error'}`);
    process.exit(1);
  });
}
