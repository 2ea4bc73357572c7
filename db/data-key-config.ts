/**
 * Where the key that encrypts personal data comes from, read once from the configuration
 * (src/config.ts; docs/storage.md, "Personal data at rest").
 */
export type DataKeyConfig =
  /** DATA_ENCRYPTION_KEY, then any DATA_ENCRYPTION_OLD_KEYS (still read, no longer written). */
  | { kind: 'keys'; keys: readonly Buffer[] }
  /** DATA_ENCRYPTION_KEY_FILE: one key a line, the current one first. */
  | { kind: 'file'; path: string }
  /**
   * Nothing configured (demo mode, development): a key of its own in this file, created on the
   * first start; null for a database in memory, whose key lives as long as it does.
   */
  | { kind: 'generated'; path: string | null };

/** The variable an operator sets to change the key, for messages. */
export function dataKeyVariable(config: DataKeyConfig): string {
  if (config.kind === 'keys') return 'DATA_ENCRYPTION_KEY';
  if (config.kind === 'file') return 'DATA_ENCRYPTION_KEY_FILE';
  return 'DATA_ENCRYPTION_KEY (or DATA_ENCRYPTION_KEY_FILE)';
}
