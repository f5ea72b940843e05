// Asks a URL whether it speaks git's smart HTTP protocol. Git itself falls back to the "dumb" protocol and can
// take any web page for an empty repository; this tells the two apart.
import type { GitCredentials } from './credentials.ts';

export async function speaksSmartHttp(url: string, credentials: GitCredentials | null): Promise<boolean> {
  const headers: Record<string, string> = { 'Git-Protocol': 'version=2' };
  if (credentials) {
    headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`;
  }
  try {
    const response = await fetch(`${url.replace(/\/+$/, '')}/info/refs?service=git-upload-pack`, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.timeout(15_000),
    });
    await response.body?.cancel();
    return (response.headers.get('content-type') ?? '').startsWith(
      'application/x-git-upload-pack-advertisement',
    );
  } catch {
    return false;
  }
}
