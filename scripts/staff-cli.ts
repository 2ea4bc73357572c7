/**
 * `npm run staff -- <command>`: staff console accounts from the command line, on the database the
 * server uses (SQLITE_PATH from the environment or `.env`; migrations run on opening). This is how
 * the first admin is created; later accounts are usually added in the console (設定 → 職員アカウント).
 *
 *   add --login ID --name NAME [--role admin|staff]
 *   list
 *   reset-password --login ID
 *   disable --login ID
 *   enable --login ID
 *   unlock --login ID
 *
 * A password is read from the terminal without echo, twice; scripts may set STAFF_PASSWORD
 * instead. Neither the password nor its hash is ever printed. Every change is in the audit log
 * under the login id 'cli'.
 */
import { parseArgs } from 'node:util';
import type { Db } from '../db/database.js';
import { openStore } from '../db/store.js';
import { recordAudit, type AuditAction } from '../db/repositories/audit-log-repository.js';
import { listStaffAccounts } from '../db/repositories/staff-accounts-repository.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/infra/logger.js';
import { hashPassword } from '../src/console/auth/passwords.js';
import {
  addAccount,
  resetAccountPassword,
  setAccountDisabled,
  unlockAccount,
  type AccountChange,
} from '../src/console/pages/settings/account-changes.js';
import {
  accountState,
  loginIdProblem,
  nameProblem,
  newPasswordProblem,
  parseRole,
} from '../src/console/pages/settings/account-rules.js';

const USAGE = `使い方 / usage: npm run staff -- <command>
  add --login ID --name NAME [--role admin|staff]   アカウントを追加 / add an account (role: staff by default)
  list                                              一覧 / list accounts
  reset-password --login ID                         パスワードを再設定 / set a new password (ends its sessions)
  disable --login ID                                無効にする / disable (ends its sessions)
  enable --login ID                                 有効に戻す / re-enable
  unlock --login ID                                 ロックを解除 / lift a sign-in lock
The password is asked for twice without echo, or taken from STAFF_PASSWORD.`;

/** A problem to report in one line, with exit code 1 (no stack trace). */
class CliError extends Error {}

const ROLE_JA = { admin: '管理者 (admin)', staff: '職員 (staff)' } as const;

/** Where the CLI talks: the process's own streams, or a test's. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The terminal a password is typed on; absent when there is none (a script, a test). */
  terminal?: NodeJS.ReadStream;
}

/** Reads a line from the terminal without showing what is typed. */
function readHidden(io: CliIo, prompt: string): Promise<string> {
  const input = io.terminal;
  if (!input?.isTTY) {
    return Promise.reject(
      new CliError(
        'パスワードを入力できる端末がありません。STAFF_PASSWORD を設定してください / no terminal: set STAFF_PASSWORD',
      ),
    );
  }
  io.err(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      io.err('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CliError('中止しました / cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The new password: STAFF_PASSWORD, or typed twice; checked against the console's rules. */
async function newPassword(env: NodeJS.ProcessEnv, io: CliIo): Promise<string> {
  const fromEnv = env.STAFF_PASSWORD;
  const [password, again] =
    fromEnv !== undefined && fromEnv !== ''
      ? [fromEnv, fromEnv]
      : [await readHidden(io, '新しいパスワード / new password: '), await readHidden(io, 'もう一度 / again: ')];
  const problem = newPasswordProblem(password, again);
  if (problem) throw new CliError(problem);
  return password;
}

function loginOf(values: { login?: string }): string {
  const loginId = (values.login ?? '').trim();
  const problem = loginIdProblem(loginId);
  if (problem) throw new CliError(`--login: ${problem}`);
  return loginId;
}

/** Runs one change in a transaction with its audit line (login id 'cli'); refusals undo everything. */
async function change(
  db: Db,
  action: AuditAction,
  loginId: string,
  work: (trx: Db, now: string) => Promise<AccountChange>,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  const now = new Date().toISOString();
  const refusal = await db.transaction().execute(async (trx) => {
    const r = await work(trx, now);
    if (!r.ok) return r.message;
    await recordAudit(trx, { at: now, accountId: null, loginId: 'cli', action, subject: loginId, detail });
    return null;
  });
  if (refusal !== null) throw new CliError(refusal);
}

async function run(db: Db, command: string, args: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<string> {
  const { values } = parseArgs({
    args,
    options: { login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  switch (command) {
    case 'add': {
      const loginId = loginOf(values);
      const name = (values.name ?? '').trim();
      const nProblem = nameProblem(name);
      if (nProblem) throw new CliError(`--name: ${nProblem}`);
      const role = parseRole(values.role ?? 'staff');
      if (!role) throw new CliError('--role は admin か staff です / --role must be admin or staff');
      const passwordHash = await hashPassword(await newPassword(env, io));
      await change(
        db,
        'account_add',
        loginId,
        (trx, now) => addAccount(trx, { loginId, name, role, passwordHash }, now),
        {
          name,
          role,
        },
      );
      return `アカウント ${loginId}（${name}、${ROLE_JA[role]}）を追加しました / added`;
    }
    case 'list': {
      const now = new Date().toISOString();
      const accounts = await listStaffAccounts(db);
      if (accounts.length === 0) return 'アカウントはまだありません / no accounts yet';
      return accounts
        .map((a) => {
          const s = accountState(a, now);
          const state =
            s.kind === 'active'
              ? '有効 active'
              : s.kind === 'disabled'
                ? '無効 disabled'
                : `ロック中 locked until ${s.until}`;
          return `${a.loginId}\t${a.name}\t${a.role}\t${state}`;
        })
        .join('\n');
    }
    case 'reset-password': {
      const loginId = loginOf(values);
      const passwordHash = await hashPassword(await newPassword(env, io));
      await change(db, 'password_reset', loginId, (trx, now) => resetAccountPassword(trx, loginId, passwordHash, now));
      return `${loginId} のパスワードを再設定しました。ログイン中の画面は終了しました / password reset, sessions ended`;
    }
    case 'disable': {
      const loginId = loginOf(values);
      await change(db, 'account_disable', loginId, (trx, now) => setAccountDisabled(trx, null, loginId, true, now));
      return `${loginId} を無効にしました / disabled`;
    }
    case 'enable': {
      const loginId = loginOf(values);
      await change(db, 'account_enable', loginId, (trx, now) => setAccountDisabled(trx, null, loginId, false, now));
      return `${loginId} を有効に戻しました / enabled`;
    }
    case 'unlock': {
      const loginId = loginOf(values);
      await change(db, 'unlocked', loginId, (trx, now) => unlockAccount(trx, loginId, now), { reason: 'admin' });
      return `${loginId} のロックを解除しました / unlocked`;
    }
    default:
      throw new CliError(command === '' ? USAGE : `不明なコマンド / unknown command: ${command}\n${USAGE}`);
  }
}

/**
 * Runs one command of `npm run staff` (`args` as typed after `--`) and gives its exit code: 0, or 1
 * with one line on `io.err`, never a stack trace; nothing here can hold the password (it is never
 * in a message). Opens the store named by `env` and closes it again.
 */
export async function staffCli(args: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const [command = '', ...rest] = args;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  try {
    const config = loadConfig(env);
    const store = await openStore(config.store, { logger: createLogger('silent') });
    try {
      io.out(`${await run(store.db, command, rest, env, io)}\n`);
    } finally {
      await store.close();
    }
    return 0;
  } catch (e: unknown) {
    io.err(`staff: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
