import {
  type Command,
  describeDatabase,
  HELP_OPTION,
  loadCliConfig,
  parseCommandArgs,
  withDatabase,
} from '../support.js';

export const migrateCommand: Command = {
  help: `Usage: openiop migrate

Applies every pending migration to the database at DATABASE_URL (default ./data/openiop.sqlite)
and lists what it applied. Safe to run repeatedly; the server also migrates when it starts.`,
  async run(args, io) {
    const { values } = parseCommandArgs('migrate', { args, options: HELP_OPTION });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const config = loadCliConfig(io.env);
    return withDatabase(config, (_db, applied) => {
      if (applied.length === 0) {
        io.out(`${describeDatabase(config.databaseUrl)}: already up to date.`);
      } else {
        io.out(`${describeDatabase(config.databaseUrl)}: applied ${applied.length} migration(s):`);
        for (const name of applied) io.out(`  ${name}`);
      }
      return Promise.resolve(0);
    });
  },
};
