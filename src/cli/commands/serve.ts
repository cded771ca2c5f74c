import { type Command, HELP_OPTION, loadCliConfig, parseCommandArgs } from '../support.js';

export const serveCommand: Command = {
  help: `Usage: openiop serve

Starts OpenIOP on HOST:PORT (default 127.0.0.1:3000) with the database at DATABASE_URL. The server
migrates the schema and, for the default SQLite file on an empty database, seeds the demo clinic.
Stops cleanly on Ctrl-C (SIGINT) or SIGTERM. Every setting is an environment variable; see README.`,
  async run(args, io) {
    const { values } = parseCommandArgs('serve', { args, options: HELP_OPTION });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const config = loadCliConfig(io.env);
    const { startServer } = await import('../../server/main.js');
    const server = await startServer(config);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    io.err(`Received ${signal}: shutting down…`);
    await server.close();
    return 0;
  },
};
