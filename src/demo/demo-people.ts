import { randomBytes } from 'node:crypto';

/** A simulated LINE account: a job seeker in a one-to-one chat, or a staff member in the group. */
export interface DemoPerson {
  /** A LINE user id: "U" and 32 hex digits. */
  id: string;
  name: string;
}

export interface DemoUser extends DemoPerson {
  /** Whether this user has "added the account as a friend" (a follow event was sent). */
  followed: boolean;
}

export interface DemoPeople {
  users(): DemoUser[];
  staff(): DemoPerson[];
  findUser(id: string): DemoUser | undefined;
  findStaff(id: string): DemoPerson | undefined;
  markFollowed(id: string): void;
  /** Adds a user with a fresh id; the name defaults to 利用者N. */
  addUser(name?: string): DemoUser;
}

/** Fixed ids, so a demo restarted on the same database finds its users' conversations again. */
const PRESET_USERS: readonly DemoPerson[] = [
  { id: 'U00000000000000000000000000de0001', name: '青森 花子' },
  { id: 'U00000000000000000000000000de0002', name: '弘前 太郎' },
  { id: 'U00000000000000000000000000de0003', name: '八戸 さくら' },
];

const PRESET_STAFF: readonly DemoPerson[] = [
  { id: 'U000000000000000000000000005af001', name: '職員 佐藤' },
  { id: 'U000000000000000000000000005af002', name: '職員 鈴木' },
];

const MAX_USERS = 20;

/** The people of one running demo; each demo has its own list. */
export function createDemoPeople(): DemoPeople {
  const users: DemoUser[] = PRESET_USERS.map((p) => ({ ...p, followed: false }));
  const staff = PRESET_STAFF.map((p) => ({ ...p }));
  return {
    users: () => users.map((u) => ({ ...u })),
    staff: () => staff.map((s) => ({ ...s })),
    findUser: (id) => users.find((u) => u.id === id),
    findStaff: (id) => staff.find((s) => s.id === id),
    markFollowed(id) {
      const user = users.find((u) => u.id === id);
      if (user) user.followed = true;
    },
    addUser(name) {
      // A cap keeps a page left open (or a stuck key) from growing the list without bound.
      if (users.length >= MAX_USERS) throw new RangeError(`at most ${MAX_USERS} simulated users`);
      const user = {
        id: `U${randomBytes(16).toString('hex')}`,
        name: name?.trim() || `利用者${users.length + 1}`,
        followed: false,
      };
      users.push(user);
      return { ...user };
    },
  };
}
