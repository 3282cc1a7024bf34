import type { Language } from '../../../shared/i18n/languages';
import type { SessionState } from '../../../shared/contract/identity';
import type { Role } from '../../../shared/permissions';

/** A signed-in user at one window. Held in the main process only; the renderer never sends it. */
export interface SessionRecord {
  userId: string;
  username: string;
  fullName: string;
  roles: Role[];
  state: SessionState;
  passwordChangeReason: 'first-sign-in' | 'reset' | 'expired' | null;
  lastActivityMs: number;
  /** The language this person works in (stored with the user); null: the terminal's. */
  language?: Language | null;
}

/** Sessions by connection (window). */
export class SessionRegistry {
  private readonly sessions = new Map<string, SessionRecord>();

  get(connectionId: string): SessionRecord | null {
    return this.sessions.get(connectionId) ?? null;
  }

  start(connectionId: string, session: SessionRecord): void {
    this.sessions.set(connectionId, session);
  }

  end(connectionId: string): SessionRecord | null {
    const session = this.get(connectionId);
    this.sessions.delete(connectionId);
    return session;
  }

  entries(): [string, SessionRecord][] {
    return [...this.sessions.entries()];
  }
}
