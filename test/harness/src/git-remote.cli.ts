// `npm run git-remote -- --port 8089 [--root DIR] [--token T]`: a real git server (git http-backend behind basic
// auth) in the foreground; prints one JSON line with its URL and token, Ctrl-C stops it.
import { parseArgs } from 'node:util';
import { startGitRemote } from './git-remote.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8089' },
    root: { type: 'string' },
    token: { type: 'string' },
    repository: { type: 'string', multiple: true, default: [] },
  },
});
try {
  const remote = await startGitRemote({ port: Number(values.port), root: values.root, token: values.token });
  const repositories = values.repository.map((name) => remote.createRepository(name));
  process.stdout.write(
    `${JSON.stringify({ url: remote.url, root: remote.root, token: remote.token, repositories })}\n`,
  );
  const stop = () => void remote.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  process.stderr.write(`git-remote failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
