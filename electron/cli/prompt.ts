import { createInterface } from 'node:readline';
import { CounterpartError } from '../../shared/contract/errors';

/**
 * Secrets come from an environment variable or a prompt that does not echo — never from argv, where
 * they would be visible in the process list and the shell history.
 */
export async function readSecret(envName: string, question: string, opts: { confirm?: boolean } = {}): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CounterpartError('VALIDATION', `No terminal to ask for it: set ${envName} in the environment.`, { env: envName });
  }
  const first = await askHidden(question);
  if (opts.confirm) {
    const second = await askHidden('Type it again: ');
    if (first !== second) throw new CounterpartError('VALIDATION', 'The two entries differ.');
  }
  return first;
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput?: (s: string) => void };
    process.stderr.write(question);
    output._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
