// Placeholder entry: replaced by the kubelog-scan CLI work.
process.exit(0);
