// SvelteKit's ambient types.
declare global {
  namespace App {}
}
export {};
