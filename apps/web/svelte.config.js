// SvelteKit as a single-page app: built to ./build and served by the superset-git server.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  kit: { adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html' }) },
};
