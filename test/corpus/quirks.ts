// Corpus files where this reader and nginx 1.26.3 knowingly disagree, each with the reason.
export const knownQuirks: Record<string, string> = {};
