// The files the Node.js kind reads, by name (a module of its own: the VS Code client imports it).
// Sources are read only when a cheap text test passes (mayStartServer in code.ts).
export const nodeNames = {
  fileNames: ['package.json'],
  companionNames: ['.nvmrc', '.node-version', '*.js', '*.mjs', '*.cjs', '*.ts', '*.mts', '*.cts'],
};
