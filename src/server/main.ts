// Placeholder entry: replaced by the language server (startServer) work.
process.exit(0);
