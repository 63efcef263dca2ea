// Serves the openai-admin-keys provider: the engine starts this folder through the Node.js language host.
require("pulumi-openai-admin-keys/plugin").main(process.argv.slice(2));
