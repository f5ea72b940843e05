// The colour theme, shared by the header's toggle and the code editors that follow it.
export const theme = $state<{ current: 'light' | 'dark' }>({ current: 'light' });
