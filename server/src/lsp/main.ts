import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { TimeoutChainServer } from './server';
import { screen } from './params';

// Transport (stdio, node-ipc, socket) comes from the command line, as the client or a test starts it.
// Every message is screened first for parameters the protocol library would fail on (see screen).
const connection = createConnection(ProposedFeatures.all, {
  messageStrategy: {
    handleMessage: (message, next) => {
      const screened = screen(message as Parameters<typeof screen>[0]);
      if (screened) next(screened as typeof message);
    },
  },
});
process.on('uncaughtException', (error) => connection.console.error(`timeout-chain: internal error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) =>
  connection.console.error(`timeout-chain: internal error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
);
new TimeoutChainServer(connection).listen();
