// Workspace-relative paths for reports, each computed once: a report names the same files many
// times (every finding, related location and fix), and path.relative resolves both paths per call.
import type { Analysis } from '../core/analysis';
import { relativePath } from '../core/locate';

export function relativePaths(analysis: Analysis): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let relative = known.get(file);
    if (relative === undefined) known.set(file, (relative = relativePath(analysis, file)));
    return relative;
  };
}
