import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TimeoutChainServer } from './server';

// Transport (stdio, node-ipc, socket) comes from the command line, as the client or a test starts it.
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`timeout-chain: internal error: ${error.stack ?? error.message}`));
new TimeoutChainServer(connection).listen();
