import { problemCheck } from '../fromProblems';

export const deploymentFile = problemCheck(
  'deployment-file',
  'A docker-compose file, its .env or a Dockerfile could not be read as Docker reads it.',
  {
    default: 'warning',
    otherwise:
      'error for YAML compose cannot load; info for what is read with a guess or not followed (`extends:`, a COMPOSE_FILE entry not read, an unset build arg) (deployment/)',
  },
  {
    finds:
      'What the deployment readers (`core/deployment/`) met in `compose.yaml`, `docker-compose*.yml`, their `.env` and Dockerfiles: YAML that does not load, values of the wrong shape, `${VAR:?err}` that would stop compose, `.env` lines compose rejects, Dockerfile instructions without their arguments. See [Deployment files](../deployment.md).',
    why: 'The deployment files say which service an upstream `server` reaches, which files nginx reads at `/etc/nginx/...` and which nginx version runs. What cannot be read is left out, so links, includes and the nginx version may be missing; `docker compose` or `docker build` would most often refuse the same file.',
    example: '```yaml\nservices:\n  proxy:\n    image: nginx:1.27\n    ports: "80:80\n```\nThe quote is never closed.',
    fix: 'Correct the file at the place shown; `docker compose config` shows what compose reads.',
  },
);
