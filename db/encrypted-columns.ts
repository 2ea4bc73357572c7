import {
  ColumnNode,
  ColumnUpdateNode,
  InsertQueryNode,
  PrimitiveValueListNode,
  ReferenceNode,
  TableNode,
  UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
  type Kysely,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { isEncryptedValue, type FieldCipher } from './field-cipher.js';
import { SYSTEM_CANCEL_REASONS } from './schema.js';

/**
 * The columns that hold personal data, encrypted in the database (docs/storage.md). Everything
 * else stays plain so SQL can still sort, count and find by it. An empty string (erased details)
 * and null stay as they are: erasing drops the ciphertext.
 */
export const ENCRYPTED_COLUMNS = {
  bookings: [
    'name',
    'job_seeker_number',
    'email',
    'phone',
    'meeting_id',
    'meeting_passcode',
    // A join link carries the meeting's number and often its passcode.
    'meeting_url',
    'proposed_meeting_id',
    'proposed_meeting_passcode',
    'proposed_meeting_url',
    // An interpreter's language may say where the person comes from.
    'companion_language',
    // Staff's own words (「本人から電話、体調不良のため」) may say more about a person than any field.
    'cancel_reason',
  ],
  immediate_requests: ['name', 'job_seeker_number', 'companion_language'],
  // A conversation's draft: what the person typed so far (name, number, e-mail, phone).
  conversations: ['snapshot'],
  // Queued cards and answers carry the person's details; the raw event carries what they typed.
  outbox: ['messages'],
  inbox: ['payload'],
  // A staff API answer kept a day for its Idempotency-Key: a booking with all its details.
  idempotency_keys: ['body'],
  // What staff wrote beside an action (a cancel reason, why a person was blocked, a closure's
  // note) and what an audit entry records beside its subject.
  staff_actions: ['detail'],
  audit_log: ['detail'],
} as const satisfies Record<string, readonly string[]>;

export type EncryptedTable = keyof typeof ENCRYPTED_COLUMNS;

/**
 * Values of an encrypted column that stay plain: the system's own words, which SQL counts and
 * keeps by (a cancel reason 'rescheduled' is no person's data; the figures and retention read it).
 */
export const PLAIN_VALUES: Partial<Record<EncryptedTable, Record<string, readonly string[]>>> = {
  bookings: { cancel_reason: SYSTEM_CANCEL_REASONS },
};

/** Whether `value` is stored as it is in `table.column` (see PLAIN_VALUES). */
export function staysPlain(table: string, column: string, value: unknown): boolean {
  const plain = PLAIN_VALUES[table as EncryptedTable]?.[column];
  return plain !== undefined && typeof value === 'string' && plain.includes(value);
}

/** A column looked up exactly, and the column holding its blind index (a keyed digest). */
export const BLIND_INDEXES = { bookings: { job_seeker_number: 'job_seeker_number_index' } } as const;

/** The form a job-seeker number is digested in, so 1234-567890-1 and 12345678901 find the same rows. */
export function jobSeekerNumberKey(number: string): string {
  return number.replace(/[^0-9]/g, '');
}

const columnsOf = new Map<string, ReadonlySet<string>>(
  Object.entries(ENCRYPTED_COLUMNS).map(([table, columns]) => [table, new Set<string>(columns)]),
);
/** Every encrypted column's name, whatever its table: results are decrypted by name and form. */
const RESULT_COLUMNS: ReadonlySet<string> = new Set(Object.values(ENCRYPTED_COLUMNS).flat());

function tableName(node: OperationNode | undefined): string | undefined {
  return node && TableNode.is(node) ? node.table.identifier.name : undefined;
}

function columnName(node: OperationNode): string | undefined {
  return ColumnNode.is(node) ? node.column.name : undefined;
}

function isExcluded(node: OperationNode, column: string): boolean {
  return (
    ReferenceNode.is(node) &&
    ColumnNode.is(node.column) &&
    node.column.column.name === column &&
    tableName(node.table) === 'excluded'
  );
}

/**
 * Encrypts personal columns as they are written and decrypts them as they are read, for every
 * query of the Kysely instance it is installed on (db/store.ts): repositories write and read plain
 * values and never hold a key. Writes must give an encrypted column a value (not an expression),
 * or the query is refused rather than storing plain text. A column with a blind index gets its
 * digest written beside it in the same statement, so the two cannot disagree.
 */
export class FieldCipherPlugin implements KyselyPlugin {
  constructor(readonly cipher: FieldCipher) {}

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(node)) return this.insert(node);
    if (UpdateQueryNode.is(node)) return this.update(node);
    return node;
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Every row of one result has the same columns: find the encrypted names once, from the
    // first row, so a query of other tables costs one look at its column names.
    const first = result.rows[0];
    if (first === undefined) return Promise.resolve(result);
    for (const column of Object.keys(first)) {
      if (!RESULT_COLUMNS.has(column)) continue;
      for (const row of result.rows) {
        const value = row[column];
        if (typeof value === 'string' && isEncryptedValue(value)) row[column] = this.cipher.decrypt(value);
      }
    }
    return Promise.resolve(result);
  }

  private sealed(table: string, column: string, value: unknown): unknown {
    if (typeof value !== 'string' || value === '' || staysPlain(table, column, value)) return value;
    return this.cipher.encrypt(value);
  }

  private index(value: unknown): unknown {
    return typeof value === 'string' && value !== '' ? this.cipher.blindIndex(jobSeekerNumberKey(value)) : null;
  }

  private updates(table: string, updates: readonly ColumnUpdateNode[]): ColumnUpdateNode[] {
    const encrypted = columnsOf.get(table)!;
    const indexed = (BLIND_INDEXES as Record<string, Record<string, string>>)[table] ?? {};
    const out: ColumnUpdateNode[] = [];
    for (const u of updates) {
      const column = columnName(u.column);
      if (column === undefined || !encrypted.has(column)) {
        out.push(u);
        continue;
      }
      // An upsert may set the column to the value its insert carried (`excluded.column`): that
      // value is encrypted already, once.
      if (isExcluded(u.value, column)) {
        out.push(u);
        continue;
      }
      if (!ValueNode.is(u.value)) throw new Error(`${table}.${column} is encrypted: set it to a value`);
      out.push(ColumnUpdateNode.create(u.column, ValueNode.create(this.sealed(table, column, u.value.value))));
      const indexColumn = indexed[column];
      if (indexColumn)
        out.push(ColumnUpdateNode.create(ColumnNode.create(indexColumn), ValueNode.create(this.index(u.value.value))));
    }
    return out;
  }

  private insert(node: InsertQueryNode): RootOperationNode {
    const table = tableName(node.into);
    if (table === undefined || !columnsOf.has(table) || !node.columns || !node.values) return node;
    if (!ValuesNode.is(node.values)) throw new Error(`${table} holds encrypted columns: insert values`);
    const encrypted = columnsOf.get(table)!;
    const names = node.columns.map((c) => c.column.name);
    const indexed = (BLIND_INDEXES as Record<string, Record<string, string>>)[table] ?? {};
    const extra = names.flatMap((n, i) => (indexed[n] ? [{ from: i, column: indexed[n] }] : []));
    const rows = node.values.values.map((item) => {
      const values = PrimitiveValueListNode.is(item)
        ? item.values.map((v, i) => (encrypted.has(names[i]!) ? this.sealed(table, names[i]!, v) : v))
        : item.values.map((v, i) => {
            if (!encrypted.has(names[i]!)) return v;
            if (!ValueNode.is(v)) throw new Error(`${table}.${names[i]!} is encrypted: insert a value`);
            return ValueNode.create(this.sealed(table, names[i]!, v.value));
          });
      const plain = (i: number) => {
        const v = (item.values as readonly unknown[])[i];
        return PrimitiveValueListNode.is(item) ? v : ValueNode.is(v as OperationNode) ? (v as ValueNode).value : null;
      };
      const digests = extra.map((e) => this.index(plain(e.from)));
      return PrimitiveValueListNode.is(item)
        ? PrimitiveValueListNode.create([...values, ...digests])
        : ValueListNode.create([...(values as OperationNode[]), ...digests.map((d) => ValueNode.create(d))]);
    });
    const onConflict = node.onConflict?.updates
      ? { onConflict: { ...node.onConflict, updates: this.updates(table, node.onConflict.updates) } }
      : {};
    return {
      ...node,
      columns: [...node.columns, ...extra.map((e) => ColumnNode.create(e.column))],
      values: ValuesNode.create(rows),
      ...onConflict,
    };
  }

  private update(node: UpdateQueryNode): RootOperationNode {
    const table = tableName(node.table);
    if (table === undefined || !columnsOf.has(table) || !node.updates) return node;
    return { ...node, updates: this.updates(table, node.updates) };
  }
}

/**
 * The cipher of the store `db` belongs to (installed by db/store.ts), for the few repositories
 * that need it directly: a blind-index lookup, a search that must look at decrypted names.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any store's instance: the plugin is found whatever the schema
export function fieldCipherOf(db: Kysely<any>): FieldCipher {
  const plugin = db.getExecutor().plugins.find((p): p is FieldCipherPlugin => p instanceof FieldCipherPlugin);
  if (!plugin) throw new Error('this database was opened without its data key (db/store.ts)');
  return plugin.cipher;
}
