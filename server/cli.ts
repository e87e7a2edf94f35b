import { parseArgs } from 'node:util';
import { startLocalPool } from './index';

const HELP = `Usage: npm run server -- [--port 9229] [--host 127.0.0.1] [--state FILE] [--region us-east-1]

A local Cognito user pool speaking the Cognito JSON API.
  --port P      listen on port P (0 = any free port; the chosen port is printed)
  --host H      bind address (default 127.0.0.1; anything else exposes the pool to the network)
  --state FILE  keep pools and users in FILE (changes since its last rewrite in FILE.journal,
                both mode 0600); every change is on disk before the reply that reports it
  --region R    region prefix for pool ids (default us-east-1)`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '9229' },
			host: { type: 'string', default: '127.0.0.1' },
			state: { type: 'string' },
			region: { type: 'string', default: 'us-east-1' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return;
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`Invalid --port ${values.port}`);
	const pool = await startLocalPool({
		port,
		host: values.host,
		stateFile: values.state,
		region: values.region,
	});
	console.log(`Local Cognito user pool listening on ${pool.url}`);
	console.log(`Outbox: ${pool.url}/_local/outbox?pool=<UserPoolId>`);
	const stop = () => {
		pool.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
