import type { Kysely } from 'kysely';

/**
 * `scheduled_jobs.reason`: why a job sent nothing, when that is not plain from the booking (it
 * ran too late to still make sense, e.g. after the server was down: src/jobs/job-staleness.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scheduled_jobs').addColumn('reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('scheduled_jobs').dropColumn('reason').execute();
}
