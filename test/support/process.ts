/** The real server process (`server/main.ts`), as `npm start` runs it, on its embedded database. */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: string[];
}

export function startServerProcess(dataDir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', MONGODB_URI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output.join('\n')}`)), 60_000);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      const url = /(http:\/\/[\d.]+:\d+)\//.exec(line);
      if (url) {
        clearTimeout(timer);
        resolve({ child, baseUrl: url[1]!, output });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output.join('\n')}`)));
  });
}

/** SIGTERM the process and resolve with its exit code. */
export function stopServerProcess(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
