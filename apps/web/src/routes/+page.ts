// The start page is the environment list.
import { redirect } from '@sveltejs/kit';

export function load() {
  redirect(307, '/environments');
}
