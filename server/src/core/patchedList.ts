// A list of files in path order kept between analyses. It is rebuilt only when the set of paths
// changes; otherwise only the entries of changed files are replaced (found by binary search), so
// an edit costs no pass over thousands of files.

export class PatchedList<T> {
  private last: { paths: readonly string[]; items: T[] } | undefined;

  /** `paths` must be sorted, and the same array while the set of paths is the same. */
  update(paths: readonly string[], changed: Iterable<string>, itemAt: (path: string) => T): T[] {
    const last = this.last;
    let items: T[];
    if (last && last.paths === paths) {
      items = last.items;
      for (const file of changed) {
        const at = binarySearch(paths, file);
        if (at < 0) continue;
        if (items === last.items) items = [...items]; // the last analysis keeps its own list
        items[at] = itemAt(file);
      }
    } else items = paths.map(itemAt);
    this.last = { paths, items };
    return items;
  }
}

function binarySearch(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] === value) return middle;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
