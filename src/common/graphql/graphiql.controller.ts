import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { type Response } from 'express';
import { Public } from '../../auth/public.decorator.js';
import { AppConfig } from '../../config/app-config.js';
import { GRAPHIQL_ASSETS_PATH, graphiqlAsset } from './graphiql.js';

/** The files GraphiQL's page loads; served only where GraphiQL is (outside production). */
@Controller(GRAPHIQL_ASSETS_PATH.slice(1))
export class GraphiqlController {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Get(':file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    const asset = this.config.graphiql ? graphiqlAsset(file) : null;
    if (!asset) throw new NotFoundException();
    res.type(asset.type).set('Cache-Control', 'public, max-age=86400').send(asset.body);
  }
}
