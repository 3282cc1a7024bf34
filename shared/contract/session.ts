import type { Role } from '../permissions';

/** The session as the main process holds it. The renderer never sends any of this. */
export interface Session {
  userId: string;
  username: string;
  fullName: string;
  roles: readonly Role[];
}
