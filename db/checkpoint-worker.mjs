// Copies the SQLite write-ahead log back into the database file, on a thread of its own.
//
// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader of the
// thread that starts it, and this file must run the same under `npm start`, the tests and the
// benchmark. It opens its own connection to the same file (WAL lets connections of one process
// share it) and answers each { id } message with the result of a PASSIVE checkpoint, which never
// waits for or blocks the main thread's readers and writers.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path);
db.pragma(`busy_timeout = ${Number(workerData.busyTimeoutMs) || 0}`);
// The checkpoint itself fsyncs the database file when synchronous is FULL.
db.pragma('synchronous = FULL');

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ id: message.id, ok: true, busy: row.busy, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
