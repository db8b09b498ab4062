// The files the Go kind reads, by name (a module of its own: the VS Code client imports it).
export const goNames = {
  fileNames: ['go.mod'],
  companionNames: ['*.go'],
};
