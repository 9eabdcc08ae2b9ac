/**
 * CLI: `node out/test/simulator/main.js [--port N] [--seed N]` (or env SIM_PORT / SIM_SEED).
 * Prints the URLs and the demo credentials, then one log line per request; Ctrl+C stops it.
 */
import { DEMO_CREDENTIALS, DEMO_REGISTRATION_CREDENTIALS, startSimulator } from './index';

function parseArgs(argv: readonly string[]): { port: number; seed: number } {
  let port = Number(process.env['SIM_PORT'] ?? 0);
  let seed = Number(process.env['SIM_SEED'] ?? 1);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, undefined];
    const value = (): number => Number(inline ?? argv[++i]);
    if (name === '--port') port = value();
    else if (name === '--seed') seed = value();
    else if (name === '--help' || name === '-h') {
      console.log('usage: node out/test/simulator/main.js [--port N] [--seed N]   (env: SIM_PORT, SIM_SEED)');
      process.exit(0);
    } else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be an integer 0..65535');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  return { port, seed };
}

async function main(): Promise<void> {
  const { port, seed } = parseArgs(process.argv.slice(2));
  const sim = await startSimulator({ port, seed, log: (line) => console.log(`${new Date().toISOString()} ${line}`) });
  console.log(`Frame API simulator listening on ${sim.url} (seed ${seed})`);
  console.log(`  Web API base:          ${sim.webApiBase}`);
  console.log(`  Admin API base:        ${sim.adminApiBase}`);
  console.log(`  Registration API base: ${sim.registrationBase}`);
  console.log(`  Frame credentials:     client id ${DEMO_CREDENTIALS.clientId}`);
  console.log(`                         client secret ${DEMO_CREDENTIALS.clientSecret}`);
  console.log(`  Registration creds:    client id ${DEMO_REGISTRATION_CREDENTIALS.clientId}`);
  console.log(`                         client secret ${DEMO_REGISTRATION_CREDENTIALS.clientSecret}`);
  console.log(`  Accounts: ${sim.data.accounts.map((a) => `${a.account_id} (${a.name})`).join(', ')}`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
