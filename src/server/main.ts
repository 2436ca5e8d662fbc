// Entry of dist/server.js: creates the real connection (VS Code passes --node-ipc or --stdio)
// and hands it to startServer. Nothing else happens here, so tests can run startServer in process.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { formatError } from './safe';
import { startServer } from './startServer';

const connection = createConnection(ProposedFeatures.all);
// The server's stdout may be the LSP channel; console output goes to the client's log instead.
// eslint-disable-next-line no-console -- redirecting, not printing
console.log = connection.console.log.bind(connection.console);
// eslint-disable-next-line no-console -- redirecting, not printing
console.error = connection.console.error.bind(connection.console);
process.on('unhandledRejection', (e) => connection.console.error(formatError('Unhandled rejection', e)));
startServer(connection, { now: () => new Date() });
connection.listen();
