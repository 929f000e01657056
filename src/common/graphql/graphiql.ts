import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ApolloServerPlugin } from '@apollo/server';

/**
 * GraphiQL served by the service itself, offline: the page loads GraphiQL and React from
 * /graphiql/<file>, copied from the npm packages pinned in package-lock.json (graphiql's UMD build
 * with its fonts inlined, React's production UMD builds). Nothing is fetched from another host.
 */
export const GRAPHIQL_ASSETS_PATH = '/graphiql';

interface Asset {
  pkg: string;
  file: string;
  type: string;
}

const JS = 'text/javascript; charset=utf-8';
const ASSETS: Record<string, Asset> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: JS },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: JS },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: JS },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/**
 * A package's folder, found from the running entry point (dist/src/main.js, or Jest inside
 * node_modules), else from the working directory. (`import.meta` is not available where Jest runs
 * the sources as CommonJS.) The files are not in the packages' `exports`, their package.json is.
 */
function packageDir(pkg: string): string {
  const anchors = [process.argv[1], join(process.cwd(), 'index.js')].filter((a): a is string => !!a);
  for (const anchor of anchors) {
    try {
      return dirname(createRequire(anchor).resolve(`${pkg}/package.json`));
    } catch {
      // try the next anchor
    }
  }
  throw new Error(`GraphiQL asset package ${pkg} is not installed (npm ci)`);
}

let cache: Map<string, Buffer> | null = null;

/** The file and its content type, or null for anything not on the list. */
export function graphiqlAsset(name: string): { body: Buffer; type: string } | null {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return null;
  cache ??= new Map();
  let body = cache.get(name);
  if (!body) {
    body = readFileSync(join(packageDir(asset.pkg), asset.file));
    cache.set(name, body);
  }
  return { body, type: asset.type };
}

const DEFAULT_QUERY = `# Welcome to Concordia. Sign in first (every demo account's password is "concordia"):
#
#   mutation { login(input: { email: "delegate.us@concordia.test", password: "concordia" }) { accessToken } }
#
# then put the token in the Headers tab below: {"Authorization": "Bearer <accessToken>"}
# and run the query. The same header authenticates subscriptions (sent as connection params).

{
  me { name timezone memberships { delegation { code name } } }
  meetings(first: 5) { edges { node { id title status startsAt timezone location local { startsAt } } } }
  bodies(first: 5) { edges { node { id name kind } } }
}
`;

export function graphiqlHtml(graphqlPath: string): string {
  const assets = (file: string) => `${GRAPHIQL_ASSETS_PATH}/${file}`;
  // JSON.stringify output is safe inside <script> once "<" is escaped.
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Concordia GraphiQL</title>
    <style>body { margin: 0; } #graphiql { height: 100dvh; }</style>
    <link rel="stylesheet" href="${assets('graphiql.min.css')}" />
    <script src="${assets('react.production.min.js')}"></script>
    <script src="${assets('react-dom.production.min.js')}"></script>
    <script src="${assets('graphiql.min.js')}"></script>
  </head>
  <body>
    <div id="graphiql">Loading…</div>
    <script>
      const path = ${json(graphqlPath)};
      const fetcher = GraphiQL.createFetcher({
        url: path,
        subscriptionUrl: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path,
      });
      ReactDOM.createRoot(document.getElementById('graphiql')).render(
        React.createElement(GraphiQL, {
          fetcher,
          defaultQuery: ${json(DEFAULT_QUERY)},
          defaultHeaders: ${json('{"Authorization": "Bearer <accessToken>"}')},
          defaultEditorToolsVisibility: true,
        }),
      );
    </script>
  </body>
</html>
`;
}

/** Apollo's landing page for browsers at the GraphQL path (replaces Nest's CDN-loading page). */
export function graphiqlLandingPagePlugin(graphqlPath: string): ApolloServerPlugin {
  const html = graphiqlHtml(graphqlPath);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
