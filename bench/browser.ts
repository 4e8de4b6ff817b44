/** Entry of the in-page bundle: exposes the seeding and measuring functions as `window.__bench`. */
import { api } from './probe';

window.__bench = api;
