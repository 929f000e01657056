import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { type ExecutionArgs, type ExecutionResult, getOperationAST, GraphQLError, type GraphQLFormattedError, OperationTypeNode } from 'graphql';
import { CloseCode, type Context, type Disposable } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { DataSource } from 'typeorm';
import { WebSocketServer } from 'ws';
import { type AuthUser } from '../../auth/auth-user.js';
import { AuthService } from '../../auth/auth.service.js';
import { AppConfig, MAX_REQUEST_BYTES } from '../../config/app-config.js';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { errorFormatOptions, formatGraphQLError } from '../errors/format-error.js';
import { Loaders } from '../loaders/loaders.js';
import { type GqlContext } from './gql-context.js';
import { checkCost, parseLimited, validateWithLimits } from './query-limits.js';

/** A client has this long after opening the socket to send `connection_init`. */
export const CONNECTION_INIT_TIMEOUT_MS = 5_000;

/** Close codes (graphql-ws reserves 4400-4499 for the server): expired token, revoked or disabled. */
export const WS_UNAUTHORIZED = CloseCode.Unauthorized; // 4401
export const WS_FORBIDDEN = CloseCode.Forbidden; // 4403

interface SocketState {
  token?: string;
  user?: AuthUser;
  expiryTimer?: NodeJS.Timeout;
}
type WsExtra = Extra & { state?: SocketState };
type WsCtx = Context<Record<string, unknown> | undefined, WsExtra>;

function bearerOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  const token = typeof value === 'string' ? /^Bearer\s+(\S+)$/i.exec(value)?.[1] : undefined;
  return token;
}

const wsError = (message: string, code: ErrorCode) => new GraphQLError(message, { extensions: { code } });

/**
 * GraphQL over WebSocket (graphql-ws protocol) at /graphql, for SUBSCRIPTIONS only: queries and
 * mutations are refused here and go over HTTP, so there is a single pipeline for them. Every
 * subscription passes the same checks as an HTTP operation — the same AuthService path on every
 * operation (and on every event pushed), the same token cap, depth/alias/cost limits, validation
 * and error formatting — and the socket closes when the token expires (4401) or is revoked (4403).
 * Messages are capped at the HTTP body limit, also before authentication.
 */
@Injectable()
export class GraphqlWsServer implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('GraphQLWs');
  private wss: WebSocketServer | null = null;
  private server: Disposable | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly auth: AuthService,
    private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const httpServer = this.adapterHost.httpAdapter?.getHttpServer() as import('node:http').Server | undefined;
    if (!httpServer) return;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
    httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/graphql') return void socket.destroy();
      this.wss!.handleUpgrade(req, socket, head, (ws) => this.wss!.emit('connection', ws, req));
    });
    this.server = useServer<Record<string, unknown> | undefined, { state?: SocketState }>(
      {
        schema: this.schemaHost.schema,
        connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
        onConnect: (ctx) => this.onConnect(ctx),
        onSubscribe: (ctx, id, payload) => this.onSubscribe(ctx, id, payload),
        onNext: (ctx, _id, _payload, args, result) => this.onNext(ctx, args.contextValue as GqlContext, result),
        onError: (_ctx, _id, _payload, errors) => errors.map((e) => this.format(e)),
        onClose: (ctx) => clearTimeout(ctx.extra.state?.expiryTimer),
      },
      this.wss,
    );
    // Socket errors are client faults (oversized message 1009, bad frames) and ws has closed the
    // socket already: log them as such, not as graphql-ws's "internal error" on the console.
    this.wss.on('connection', (socket: import('ws').WebSocket, req: IncomingMessage) => {
      socket.removeAllListeners('error');
      socket.on('error', (error) => this.logger.warn({ remoteAddress: req.socket.remoteAddress, err: error.message }, 'graphql-ws socket error'));
    });
  }

  /**
   * First thing on shutdown, before Apollo drains the HTTP server (GraphQLModule's own
   * onModuleDestroy, which comes after ours: it is imported here) and would just end these sockets:
   * every subscriber gets a close frame (1001 Going Away), so its client reconnects elsewhere.
   */
  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    await Promise.resolve(server?.dispose()).catch((error: Error) => this.logger.warn(`Closing graphql-ws sockets: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.onModuleDestroy();
    this.wss?.close();
  }

  /** `connection_init`: the token from the connection params, checked like an HTTP request's. */
  private async onConnect(ctx: WsCtx): Promise<boolean> {
    const token = bearerOf(ctx.connectionParams);
    const user = token ? await this.auth.authenticateToken(token) : null;
    if (!token || !user) return false; // graphql-ws closes with 4403 Forbidden
    const state: SocketState = { token, user };
    const ttl = (user.session?.expiresAt.getTime() ?? Date.now()) - Date.now();
    // The socket ends with its token, even if it is idle.
    state.expiryTimer = setTimeout(() => ctx.extra.socket.close(WS_UNAUTHORIZED, 'Token expired'), Math.max(0, Math.min(ttl, 2 ** 31 - 1)));
    ctx.extra.state = state;
    return true;
  }

  /** Re-authenticates with the socket's token; closes the socket when it no longer holds. */
  private async currentUser(ctx: WsCtx): Promise<AuthUser | null> {
    const state = ctx.extra.state;
    const user = state?.token ? await this.auth.authenticateToken(state.token) : null;
    if (!user) {
      const expired = state?.user?.session && state.user.session.expiresAt.getTime() <= Date.now();
      ctx.extra.socket.close(expired ? WS_UNAUTHORIZED : WS_FORBIDDEN, expired ? 'Token expired' : 'Token revoked or user disabled');
    }
    return user;
  }

  private async onSubscribe(
    ctx: WsCtx,
    id: string,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  ): Promise<ExecutionArgs | GraphQLError[]> {
    const requestId = randomUUID();
    const user = await this.currentUser(ctx);
    if (!user) return [wsError('Authentication required', ErrorCode.UNAUTHENTICATED)];
    const limits = this.config.graphql;
    const schema = this.schemaHost.schema;

    let document;
    try {
      document = parseLimited(payload.query, limits);
    } catch (error) {
      return [this.asGraphQLError(error)];
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) return [wsError('Unable to identify the operation', ErrorCode.GRAPHQL_VALIDATION_FAILED)];
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [wsError('Only subscriptions run over the WebSocket; send queries and mutations over HTTP (POST /graphql)', ErrorCode.GRAPHQL_VALIDATION_FAILED)];
    }
    const invalid = validateWithLimits(schema, document, limits);
    if (invalid.length) return invalid.map((e) => this.validationError(e));
    const tooCostly = checkCost(schema, document, payload.variables, payload.operationName, limits);
    if (tooCostly) return [tooCostly];

    this.logger.log({ requestId, operationId: id, operationName: payload.operationName ?? null, userId: user.id }, 'graphql-ws subscription started');
    const contextValue: GqlContext = { user: { ...user, requestId }, loaders: new Loaders(this.dataSource) };
    return { schema, document, variableValues: payload.variables ?? undefined, operationName: payload.operationName ?? undefined, contextValue };
  }

  /** Every pushed event: the user must still hold (revocation ends live subscriptions too); errors formatted. */
  private async onNext(ctx: WsCtx, context: GqlContext, result: ExecutionResult): Promise<ExecutionResult | void> {
    // One subscription runs its events one after the other with the same context: the next event
    // gets fresh loaders, or it would be served the rows the first event loaded (a stale statement).
    context.loaders = new Loaders(this.dataSource);
    if (!(await this.currentUser(ctx))) return { errors: [wsError('Authentication required', ErrorCode.UNAUTHENTICATED)] };
    if (!result.errors?.length) return undefined;
    return { ...result, errors: result.errors.map((e) => this.format(e)) } as never;
  }

  private format(error: GraphQLError): GraphQLFormattedError {
    return formatGraphQLError(error.toJSON(), error, errorFormatOptions(this.config));
  }

  private validationError(error: GraphQLError): GraphQLError {
    return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED } });
  }

  private asGraphQLError(error: unknown): GraphQLError {
    // Apollo's code for the same failure over HTTP.
    if (error instanceof GraphQLError) return new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    if (error instanceof AppError) return wsError(error.message, error.code);
    return wsError('Internal server error', ErrorCode.INTERNAL_SERVER_ERROR);
  }
}
