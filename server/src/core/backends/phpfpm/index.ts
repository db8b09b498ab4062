// The php-fpm backend kind: php-fpm.conf and its pool files (`www.conf`, `php-fpm.d/*.conf`,
// `pool.d/*.conf`, told from nginx's `.conf` by their text), read as one configuration; one
// FastCGI endpoint per pool, with the request limit the fastcgi-timeout check compares with
// nginx's fastcgi_read_timeout. A compose service running an official `php:*-fpm` image with no
// pool file of its own gets the image's pool: `www` on port 9000, no request limit.
import { defineBackendKind } from '../kind';
import { phpFpmNames } from './names';
import { isPoolText, parsePhpFpm, type PhpFpmFile } from './ini';
import { configMembers, configOrder, poolsDeclaredIn } from './pools';
import { imageEndpoint, phpFpmWords, poolEndpoint } from './endpoints';
import { isOfficialFpmImage } from './defaults';

export const phpFpmKind = defineBackendKind<PhpFpmFile, PhpFpmFile>({
  id: 'php-fpm',
  serverName: phpFpmWords.serverName,
  endpointNoun: phpFpmWords.noun,
  fileName: 'php-fpm pool file',
  filesNoun: 'php-fpm pool file',
  passDirective: 'fastcgi_pass',
  ...phpFpmNames,
  syntaxCheck: 'invalid-value',
  claimsText: (file, text) => file.endsWith('.conf') && isPoolText(text),
  parse: parsePhpFpm,
  companions: (file, read, registeredUnder) => configMembers(file, read, registeredUnder),
  parseCompanion: parsePhpFpm,
  endpoints: (file, companions, rootDir, problems, runtime) => {
    const ordered = configOrder([file, ...companions.filter((c) => c !== undefined)]);
    return poolsDeclaredIn(file, ordered).map((pool) => poolEndpoint(pool, rootDir, problems, runtime));
  },
  imageEndpoints: (deployed) => (isOfficialFpmImage(deployed.image) ? [imageEndpoint(deployed)] : []),
});
