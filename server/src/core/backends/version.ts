// Comparing the release numbers projects give their versions.

/** Versions compared part by part: `2.5.0` >= `2.4`, `19.7.0` >= `19.7`; qualifiers (`-RC1`, `.RELEASE`, `rc1`) ignored. */
export function versionAtLeast(version: string, least: string): boolean {
  const parts = (v: string) =>
    v
      .split(/[.-]/)
      .map((p) => Number.parseInt(p, 10))
      .filter((n) => !Number.isNaN(n));
  const [a, b] = [parts(version), parts(least)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? 0, b[i] ?? 0];
    if (x !== y) return x > y;
  }
  return true;
}
