import { readFileSync, writeFileSync } from 'node:fs';
import { describeProblems, checkWeekInput } from '../../core/scheduler/validate.js';
import { scheduleWeekInWorker } from '../../core/scheduler/worker.js';
import { CliError, type Command, HELP_OPTION, parseCommandArgs } from '../support.js';

const wholeNumber = (name: string, text: string, min: number): number => {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new CliError(`--${name} must be a whole number of at least ${min}, not "${text}"`, 2);
  return Number(text);
};

export const scheduleCommand: Command = {
  help: `Usage: openiop schedule --input week.json [--output result.json] [--time-limit-ms 10000] [--seed 1]

Assigns the week's patients to sessions (SPEC §5) and writes the schedule as JSON: assignments,
patients not fully placed with the reasons why, and the score. No database is used: the week comes
from the file. Formats: docs/schedule-input.schema.json and docs/schedule-result.schema.json.

  --input FILE          the week: { sessions: [...], patients: [...] } (required; - reads stdin)
  --output FILE         where to write the result (default: standard output)
  --time-limit-ms N     stop searching after N ms and return the best schedule found (default 10000)
  --seed N              the search's random seed; the same seed gives the same schedule unless
                        the time limit cuts the search short (default 1)

Exit codes: 0 schedule written (even if some patients could not be placed), 1 failure,
2 invalid input or options (the message names the bad field, e.g. patients[3].availability[0].end).`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('schedule', {
      args,
      options: {
        ...HELP_OPTION,
        input: { type: 'string', short: 'i' },
        output: { type: 'string', short: 'o' },
        'time-limit-ms': { type: 'string', default: '10000' },
        seed: { type: 'string', default: '1' },
      },
      allowPositionals: true,
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0] ?? ''}"`, 2);
    if (!values.input) throw new CliError('which week? usage: openiop schedule --input week.json', 2);
    const timeLimitMs = wholeNumber('time-limit-ms', values['time-limit-ms'], 1);
    const seed = wholeNumber('seed', values.seed, 0);

    let text: string;
    try {
      text = readFileSync(values.input === '-' ? 0 : values.input, 'utf8');
    } catch (error) {
      throw new CliError(
        `cannot read ${values.input}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CliError(
        `${values.input} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
        2,
      );
    }
    const check = checkWeekInput(json);
    if (!check.ok)
      throw new CliError(`invalid input in ${values.input}:\n${describeProblems(check.problems)}`, 2);

    const result = await scheduleWeekInWorker(check.week, { timeLimitMs, seed });
    const output = `${JSON.stringify(result, null, 2)}\n`;
    if (values.output) {
      writeFileSync(values.output, output);
      const { satisfied, shortfallMinutes, continuity, balance } = result.score;
      io.err(
        `scheduled ${check.week.patients.length} patients into ${check.week.sessions.length} sessions: ` +
          `${satisfied} fully placed, ${result.unplaced.length} not, shortfall ${shortfallMinutes} min, ` +
          `continuity ${continuity}, balance ${balance} (${result.stats?.elapsedMs ?? 0} ms) → ${values.output}`,
      );
    } else {
      io.out(output.trimEnd());
    }
    return 0;
  },
};
