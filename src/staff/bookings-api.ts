/**
 * Kept so `src/app.ts` can go on importing the staff API from here; the API itself is
 * assembled in staff-api.ts from one routes file per area.
 */
export { staffApiRouter, type StaffApiDeps } from './staff-api.js';
export { bookingJson } from './staff-json.js';
