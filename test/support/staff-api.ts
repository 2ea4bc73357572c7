import { STAFF_API_TOKEN, type Harness } from './harness.js';

/** One booking as GET /api/bookings returns it (the fields tests look at). */
export interface BookingJson {
  id: string;
  lineUserId: string;
  status: string;
  kind: 'regular' | 'mothers';
  app: 'zoom' | 'teleoffice';
  name: string;
  jobSeekerNumber: string;
  email: string;
  phone: string;
  interpreter: boolean;
  choices: { start: string; end: string }[];
  /** The time staff confirmed, once they have. */
  confirmed: { start: string; end: string } | null;
  createdAt: string;
  replyDue: string;
}

/** The staff API's list of bookings, read with the staff token. */
export async function fetchBookings(h: Pick<Harness, 'baseUrl'>): Promise<BookingJson[]> {
  const res = await fetch(`${h.baseUrl}/api/bookings`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } });
  if (res.status !== 200) throw new Error(`GET /api/bookings answered ${res.status}`);
  return ((await res.json()) as { bookings: BookingJson[] }).bookings;
}

/** A staff API call with the staff token and a JSON body (POST or PUT), as an office tool makes it. */
export function callStaffApi(
  h: Pick<Harness, 'baseUrl'>,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${h.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${STAFF_API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A loosely typed JSON answer, as tests read the staff API's bodies. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of any shape
export type JsonBody = Record<string, any>;

/** POSTs to the staff API, then waits for what the change queued to reach the fake LINE platform. */
export async function postStaffApi(
  h: Pick<Harness, 'baseUrl' | 'settle'>,
  path: string,
  body: unknown,
): Promise<{ status: number; body: JsonBody }> {
  const r = await callStaffApi(h, 'POST', path, body);
  await h.settle();
  return { status: r.status, body: (await r.json()) as JsonBody };
}

/** GETs from the staff API with the staff token. */
export async function getStaffApi(h: Pick<Harness, 'baseUrl'>, path: string): Promise<JsonBody> {
  const r = await fetch(`${h.baseUrl}${path}`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } });
  return (await r.json()) as JsonBody;
}
