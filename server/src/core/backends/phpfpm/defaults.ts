// What php-fpm and the official `php:*-fpm` images assume when a pool file does not say, each
// with where it is stated (details and dates in docs/backends/php-fpm.md).

const fpmConf = 'https://github.com/php/php-src/blob/PHP-8.3/sapi/fpm/fpm/fpm_conf.c';

export const phpFpmDefaults = {
  /** Unset (or 0): php-fpm never kills a request (fpm_request_check_timed_out runs only `if (terminate_timeout && ...)`). */
  requestTerminateTimeout: {
    value: 0,
    versions: 'php-fpm 5.3 to 8.5',
    source: `${fpmConf} (request_terminate_timeout, fpm_conf_set_time); https://www.php.net/manual/en/install.fpm.configuration.php`,
  },
  /**
   * php-fpm checks running requests on a heartbeat of a third of the shortest request timeout
   * (`(request_terminate_timeout * 1000) / 3` ms, fpm_conf.c), and kills once `now - accepted >=
   * request_terminate_timeout` (fpm_request.c): between the timeout and a third more.
   */
  heartbeatFraction: 1 / 3,
  /**
   * The official image's pool: `listen = 9000` (docker.conf since docker-library/php#1635,
   * 2026-01-09; zz-docker.conf before, where it overrode every pool file's `listen` for [www]).
   */
  imageListen: {
    value: 9000,
    pool: 'www',
    versions: 'official php:*-fpm images',
    source: 'https://github.com/docker-library/php/blob/master/Dockerfile-linux.template (php-fpm.d/docker.conf: listen = 9000)',
  },
};

/** The official PHP image with php-fpm (`php:8.3-fpm`, `php:fpm-alpine`, `docker.io/library/php:8.2.12-fpm-bookworm`). */
const officialFpmImage = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?php:[^@/]*fpm/i;

export function isOfficialFpmImage(image: string | undefined): boolean {
  return image !== undefined && officialFpmImage.test(image.trim());
}

/**
 * A php-fpm time (fpm_conf_set_time): the last character a unit `s` `m` `h` `d` or a digit
 * (seconds), the rest read by atoi, which stops at the first non-digit (`1m30s` is 1 second).
 * `error` when php-fpm refuses the value; `readAs` when atoi read less than was written.
 */
export function parseFpmTime(text: string): { seconds: number; readAs?: string } | { error: string } {
  if (text === '') return { error: 'An empty time is "invalid time value"' };
  const unit = text[text.length - 1];
  const factor = unit === 'm' ? 60 : unit === 'h' ? 3600 : unit === 'd' ? 86_400 : 1;
  if (!/[smhd0-9]/.test(unit)) return { error: `"${unit}" is no unit it knows (s, m, h, d): "unknown suffix used in time value"` };
  const number = /\d$/.test(unit) ? text : text.slice(0, -1);
  const digits = /^[ \t]*([+-]?\d*)/.exec(number)![1];
  const count = Number.parseInt(digits, 10);
  const seconds = (Number.isNaN(count) ? 0 : count) * factor;
  const whole = /^[ \t]*[+-]?\d+[ \t]*$/.test(number);
  return whole ? { seconds } : { seconds, readAs: `${seconds}s` };
}
