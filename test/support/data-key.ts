/**
 * The data key the test servers encrypt personal data under, and the product's own cipher over
 * it: tests that read personal columns straight from the database (probe) decrypt them with it,
 * as the server would, instead of expecting plain values there.
 */
import { createFieldCipher, parseDataKey, type FieldCipher } from '../../db/field-cipher.js';
import { jobSeekerNumberKey } from '../../db/encrypted-columns.js';

/** 32 bytes, base64 (as an operator writes it). */
export const TEST_DATA_KEY = 'dGVzdC1kYXRhLWtleS0wMTIzNDU2Nzg5YWJjZGVmMDE=';

export function testCipher(...olderKeys: string[]): FieldCipher {
  return createFieldCipher([TEST_DATA_KEY, ...olderKeys].map((k) => parseDataKey(k)!));
}

/** A value read straight from a personal column, as the server reads it (null and '' unchanged). */
export function opened<T extends string | null | undefined>(stored: T): T {
  return (typeof stored === 'string' ? testCipher().decrypt(stored) : stored) as T;
}

/** The blind index a job-seeker number is stored with. */
export function numberIndexOf(number: string): string {
  return testCipher().blindIndex(jobSeekerNumberKey(number));
}
