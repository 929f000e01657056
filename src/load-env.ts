import { existsSync } from 'node:fs';

/** Reads `.env` from the working directory when there is one; real environment variables win. */
if (existsSync('.env')) process.loadEnvFile('.env');
