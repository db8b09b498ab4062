// Whether a text nginx's test refused is Apache httpd configuration: a section tag httpd has
// (`<VirtualHost *:80>`, `<Directory /srv>`, `<IfModule ...>`) or a directive only httpd writes
// capitalized (`ServerName`, `KeepAliveTimeout`), outnumbering lines that end as nginx's do (`;`,
// `{`). INI files (`[section]`, `key=value`), scripts and JSON are never Apache.

const sectionTag =
  /^<\/?(?:VirtualHost|Directory|DirectoryMatch|Location|LocationMatch|Files|FilesMatch|IfModule|IfDefine|IfVersion|Proxy|ProxyMatch|Limit|LimitExcept|RequireAll|RequireAny)\b/i;
/** Directives httpd has and nginx has not (nginx's are lower-case with underscores). */
const apacheDirective =
  /^(?:ServerRoot|ServerName|ServerAlias|ServerAdmin|DocumentRoot|DirectoryIndex|LoadModule|Listen|KeepAlive|KeepAliveTimeout|MaxKeepAliveRequests|ProxyPass|ProxyPassReverse|ProxyPreserveHost|RewriteEngine|RewriteRule|RewriteCond|ErrorLog|CustomLog|LogLevel|LogFormat|Include|IncludeOptional|Require|Options|AllowOverride|Header|RequestHeader|SSLEngine|SSLCertificateFile|ScriptAlias|AddType|AddHandler|SetEnv|SetEnvIf|Redirect|RedirectMatch|Timeout|WSGIScriptAlias|WSGIDaemonProcess|Protocols|User|Group|Mutex|PidFile|ServerTokens|ServerSignature|TraceEnable|Alias)\b/;

export function looksLikeApache(text: string): boolean {
  let apache = 0;
  let other = 0;
  for (const raw of text.slice(0, 64 * 1024).split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('{') || /^\[[^\]]*\]$/.test(line)) return false;
    if (/[;{]$/.test(line) || /^[\w.-]+\s*[=:]/.test(line)) other++;
    else if (sectionTag.test(line) || apacheDirective.test(line)) apache++;
  }
  return apache > 0 && apache > other;
}
