// A throwaway PostgreSQL + PostGIS server for tests: initdb into a temp folder, listen on a free
// port on 127.0.0.1 only (and a socket in the folder), trust auth, no fsync; stopped and deleted
// by stop(). PostgreSQL refuses to run as root, so under root (CI) the server runs as a system
// user `gapmap-pg` that this helper creates when missing. Without Debian's PostgreSQL + PostGIS
// (`apt-get install postgresql-15-postgis-3`), findPostgres() says why and tests skip.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER_USER = 'gapmap-pg';

export interface PostgresInstall {
  bin: string;
  version: string;
}

/** The newest PostgreSQL with PostGIS installed the Debian way, or the reason there is none. */
export function findPostgres(): { install: PostgresInstall } | { missing: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) return { missing: 'PostgreSQL is not installed (apt-get install -y postgresql-15-postgis-3)' };
  const withPostgis = versions.find((v) => existsSync(`/usr/share/postgresql/${v}/extension/postgis.control`));
  if (!withPostgis) return { missing: `PostgreSQL ${versions.join(', ')} has no PostGIS (apt-get install -y postgresql-${versions[0]}-postgis-3)` };
  return { install: { bin: join(root, withPostgis, 'bin'), version: withPostgis } };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ThrowawayPostgres {
  url: string;
  stop(): void;
}

export async function startThrowawayPostgres(install: PostgresInstall): Promise<ThrowawayPostgres> {
  const asRoot = process.getuid?.() === 0;
  const folder = mkdtempSync(join(tmpdir(), 'gapmap-pg-'));
  if (asRoot) {
    try {
      execFileSync('id', ['-u', SERVER_USER], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER]);
    }
    execFileSync('chown', [SERVER_USER, folder]);
    chmodSync(folder, 0o700);
  }
  const run = (program: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', SERVER_USER, '--', join(install.bin, program), ...args], { stdio: 'pipe' }) : execFileSync(join(install.bin, program), args, { stdio: 'pipe' });
  const data = join(folder, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c full_page_writes=off -c synchronous_commit=off`;
  run('pg_ctl', ['-D', data, '-o', settings, '-l', join(folder, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}
