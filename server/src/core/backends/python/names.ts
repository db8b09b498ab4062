// The files the Python kind reads, by name (a module of its own: the VS Code client imports it).
// A project file says which server an application depends on; the Procfile and gunicorn.conf.py
// say how it starts; Python sources are kept only when a cheap text test passes (index.ts).
export const pythonNames = {
  fileNames: ['requirements.txt', 'requirements*.txt', 'pyproject.toml', 'Pipfile', 'Procfile', 'gunicorn.conf.py'],
  companionNames: ['*.py', 'hypercorn.toml'],
};
