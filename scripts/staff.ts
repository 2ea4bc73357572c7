/**
 * `npm run staff -- <command>`: staff console accounts from the command line (the commands are in
 * staff-cli.ts). Reads `.env` like the server, types passwords on this terminal.
 */
import 'dotenv/config';
import { staffCli } from './staff-cli.js';

process.exitCode = await staffCli(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  terminal: process.stdin,
});
