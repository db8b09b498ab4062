// The files the uWSGI kind reads, by name (a module of its own: the VS Code client imports it):
// `uwsgi.ini`, any `*.ini` holding a `[uwsgi]` section (fileTextTest), and Sentry's
// `sentry.conf.py`, whose SENTRY_WEB_OPTIONS are uWSGI options.
export const uwsgiNames = {
  fileNames: ['uwsgi.ini', '*.ini', 'sentry.conf.py'],
  companionNames: [] as string[],
};
