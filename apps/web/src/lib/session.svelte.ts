// Who is logged in, shared by every page.
import type { User } from '$lib/api/types';

export const session = $state<{ user: User | null }>({ user: null });
