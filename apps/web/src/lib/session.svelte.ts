// Who is logged in, shared by every page.
import type { User } from '@superset-git/contracts';

export const session = $state<{ user: User | null }>({ user: null });
