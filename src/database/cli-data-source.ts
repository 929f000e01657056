import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI (`npm run migration:*`), which runs on the compiled file. */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
