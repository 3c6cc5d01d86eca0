import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, EXIT_OK, type CommandIo } from './command-io';

/**
 * Parses a command's arguments, its help and errors written to `io`. Returns the options, or the
 * exit code when the command line was answered already (`--help`: 0, a bad argument: 2).
 */
export function parseCommandLine<Options extends object>(
  program: Command,
  argv: readonly string[],
  io: CommandIo,
): { options: Options } | { exitCode: number } {
  program.exitOverride().configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
  });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT };
    throw error;
  }
  return { options: program.opts<Options>() };
}
