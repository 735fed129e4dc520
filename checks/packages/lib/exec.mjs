// Runs a command for the package checks: output is shown (indented) or captured, and a non-zero exit
// fails the step with the command line and what it printed.
import { spawn } from 'node:child_process';
import { fail } from './log.mjs';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: Record<string, string>, quiet?: boolean, allowFailure?: boolean }} [options]
 * @returns {Promise<{ code: number, output: string }>}
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const take = (chunk) => {
      const text = chunk.toString();
      output += text;
      if (!options.quiet) process.stdout.write(text.replace(/^(?=.)/gm, '     '));
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && !options.allowFailure) {
        try {
          fail(`\`${command} ${args.join(' ')}\` exited with ${code}${options.quiet ? `:\n${output}` : ''}`);
        } catch (error) {
          return reject(error);
        }
      }
      resolve({ code: code ?? 1, output });
    });
  });
}
