// Core findings to LSP shapes. The core already speaks zero-based UTF-16 positions, as LSP does.
import { pathToFileURL, fileURLToPath } from 'node:url';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  SymbolKind,
  type Diagnostic,
  type DocumentSymbol,
} from 'vscode-languageserver/node';
import type { OutlineSymbol } from '../core/navigation';
import type { Finding, Fix, Severity } from '../core/types';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toUri(file: string): string {
  return pathToFileURL(file).href;
}

/** The file system path of a `file:` URI; undefined for other schemes (untitled, git...). */
export function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function toDiagnostic(finding: Finding, docsUri: (code: string) => string): Diagnostic {
  return {
    range: finding.location.range,
    severity: severities[finding.severity],
    source: 'timeout-chain',
    code: finding.code,
    codeDescription: { href: docsUri(finding.code) },
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({
      location: { uri: toUri(r.location.file), range: r.location.range },
      message: r.message,
    })),
  };
}

export function toCodeAction(fix: Fix, diagnostic: Diagnostic): CodeAction {
  const changes: Record<string, { range: Diagnostic['range']; newText: string }[]> = {};
  for (const edit of fix.edits) (changes[toUri(edit.file)] ??= []).push({ range: edit.range, newText: edit.newText });
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: { changes } };
}

const symbolKinds: Record<OutlineSymbol['kind'], SymbolKind> = {
  server: SymbolKind.Module,
  location: SymbolKind.Namespace,
  upstream: SymbolKind.Interface,
  http: SymbolKind.Package,
  block: SymbolKind.Object,
};

export function toDocumentSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: symbolKinds[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
}
