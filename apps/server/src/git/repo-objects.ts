// Which files of a dashboard repository a sync owns.

/** Files a sync owns: everything else in the repository (a README, CI files) is left alone. */
export function isManagedPath(path: string): boolean {
  return (
    path === 'metadata.yaml' || path === 'dashboard.yaml' || /^(charts|datasets|databases|other)\//.test(path)
  );
}
