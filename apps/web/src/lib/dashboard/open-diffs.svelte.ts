// Which files of a list have their diff open, each as it loads: 'loading', the diff, or the message that stopped it.
import { messageOf } from '$lib/api/client';
import type { DashboardFileDiff } from '$lib/api/types';

export type DiffState = DashboardFileDiff | string | 'loading';

export class OpenDiffs {
  #open = $state<Record<string, DiffState>>({});
  readonly #showLoading: boolean;

  /** With `showLoading` a diff counts as open (and says so) while it loads; without, only once loaded. */
  constructor({ showLoading }: { showLoading: boolean }) {
    this.#showLoading = showLoading;
  }

  of(path: string): DiffState | undefined {
    return this.#open[path];
  }

  /** Closes an open diff, or opens it with what `load` answers. */
  async toggle(path: string, load: () => Promise<DashboardFileDiff>): Promise<void> {
    if (this.#open[path]) {
      const { [path]: _closed, ...rest } = this.#open;
      this.#open = rest;
      return;
    }
    if (this.#showLoading) this.#open = { ...this.#open, [path]: 'loading' };
    try {
      const diff = await load();
      this.#open = { ...this.#open, [path]: diff };
    } catch (caught) {
      this.#open = { ...this.#open, [path]: messageOf(caught) };
    }
  }
}
