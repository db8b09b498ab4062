// Core findings to LSP shapes. The core already speaks zero-based UTF-16 positions, as LSP does.
import { pathToFileURL, fileURLToPath } from 'node:url';
import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  DiagnosticSeverity,
  ResourceOperationKind,
  SymbolKind,
  TextDocumentEdit,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentSymbol,
  type TextEdit,
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

/**
 * A fix as a quick fix. One that creates files needs `documentChanges` (a CreateFile, then the
 * TextDocumentEdits filling it): only for clients that support creating files (the caller asks).
 */
export function toCodeAction(fix: Fix, diagnostic: Diagnostic): CodeAction {
  const action = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred };
  const byUri = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) {
    const uri = toUri(edit.file);
    byUri.set(uri, [...(byUri.get(uri) ?? []), { range: edit.range, newText: edit.newText }]);
  }
  const created = fix.createsFiles ?? [];
  if (created.length === 0) return { ...action, edit: { changes: Object.fromEntries(byUri) } };
  // Neither overwrite nor ignoreIfExists: a file made meanwhile makes the client refuse the edit, not lose that file.
  const creates = created.map((file) => CreateFile.create(toUri(file)));
  const fills = [...byUri].map(([uri, edits]) => TextDocumentEdit.create({ uri, version: null }, edits));
  return { ...action, edit: { documentChanges: [...creates, ...fills] } };
}

/** Whether a client applies a WorkspaceEdit that creates files (LSP resource operations). */
export function canCreateFiles(capabilities: ClientCapabilities): boolean {
  const edits = capabilities.workspace?.workspaceEdit;
  return !!edits?.documentChanges && !!edits.resourceOperations?.includes(ResourceOperationKind.Create);
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
