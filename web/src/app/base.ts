// Where the staff application is served: under /app/ (vite.config.ts `base`, the server's
// src/http/handlers/web_app.cpp). The router's paths (features' routes.tsx, <Link to="/registry">)
// are written without it: react-router adds ROUTER_BASENAME to every address it makes.
/** The app's address with its trailing slash ("/app/"), as Vite's `base`. */
export const APP_BASE = '/app/';
/** The router's basename ("/app"). */
export const ROUTER_BASENAME = '/app';
/** An address of the app for outside the router (a link the server or a new tab opens): "/app/registry/12". */
export const appUrl = (path: string) => `${ROUTER_BASENAME}${path.startsWith('/') ? path : `/${path}`}`;
