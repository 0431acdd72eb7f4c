import type { staffRoleList } from '@roadcert/shared';

/*
 * The caller as the route table hands it to handlers. Declared here, below the modules, so
 * route() can type its handlers without importing a module; the account module's access
 * checks (requireAccount, requireHolder, requireStaff) fill it in and re-export it.
 */

export type StaffRole = (typeof staffRoleList)[number];

/** What a route handler knows about its caller. */
export type AuthState = {
  requestId: string;
  auth?: {
    sessionId: string;
    /** The signed-in account. */
    accountId: string;
    /** The holder the account is bound to (real-name binding); null before. */
    holderId: string | null;
  };
  /** Set on `staff` routes: an authority staff member's session. */
  staff?: { sessionId: string; staffUserId: string; roles: StaffRole[]; regionCode: string };
};
