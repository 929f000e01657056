import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Response } from 'express';
import { AppError } from './app-error.js';
import { httpStatusOf } from './error-code.js';

/** AppErrors on plain HTTP routes (calendar feeds) become the matching status with a JSON body. */
@Catch(AppError)
export class AppErrorHttpFilter implements ExceptionFilter {
  catch(error: AppError, host: ArgumentsHost): unknown {
    // GraphQL errors are shaped by formatGraphQLError; hand them back untouched.
    if (host.getType<string>() !== 'http') return error;
    const res = host.switchToHttp().getResponse<Response>();
    res.status(httpStatusOf(error.code)).json({ error: { code: error.code, message: error.message } });
    return undefined;
  }
}
