// One Admin API client over real sockets for a mocha suite: against the simulator or a hostile
// server, with the suite's hooks (start, reset before each test, close) registered by the call.
// The fields are filled in by `before`, so read them inside hooks and tests only.
import { FrameAdminClient } from '../../src/core/api';
import { HttpTransport } from '../../src/core/http/transport';
import type { RetryOptions } from '../../src/core/http/retryPolicy';
import { DEMO_CREDENTIALS, startSimulator, type Simulator } from '../simulator';
import { startHostileServer, type HostileHandler, type HostileServer } from './hostileServer';

/** No retries: each request the test makes is one request on the wire. */
export const NO_RETRIES: Partial<RetryOptions> = { maxRetries: 0 };
/** Retries on as in the product, with short delays so a test does not wait. */
export const PRODUCT_RETRIES: Partial<RetryOptions> = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 20 };

interface Credentials {
  clientId: string;
  clientSecret: string;
}

interface AdminFixture {
  readonly transport: HttpTransport;
  /** A client with the fixture's default credentials. */
  readonly admin: FrameAdminClient;
  /** A client with other credentials on the same transport (scoped keys, a wrong secret). */
  client(credentials: Credentials): FrameAdminClient;
}

export interface AdminOnSimulator extends AdminFixture {
  readonly sim: Simulator;
}

export interface AdminOnHostileServer extends AdminFixture {
  readonly server: HostileServer;
}

/** The simulator's Admin API with its demo credentials; `sim.reset()` before each test. */
export function adminOnSimulator(retry: Partial<RetryOptions> = NO_RETRIES): AdminOnSimulator {
  const fx = {} as { sim: Simulator; transport: HttpTransport; admin: FrameAdminClient };
  const client = (credentials: Credentials) =>
    new FrameAdminClient({ baseUrl: fx.sim.adminApiBase, credentials: { scheme: 'frame', ...credentials }, transport: fx.transport });
  before(async () => {
    fx.sim = await startSimulator();
    fx.transport = new HttpTransport({ retry });
    fx.admin = client(DEMO_CREDENTIALS);
  });
  after(async () => {
    await fx.transport.close();
    await fx.sim.close();
  });
  beforeEach(() => fx.sim.reset());
  return Object.assign(fx, { client });
}

/** A hostile server at `/v1` with `routes`; its hits cleared before each test. */
export function adminOnHostileServer(
  routes: Record<string, HostileHandler> = {},
  retry: Partial<RetryOptions> = NO_RETRIES,
): AdminOnHostileServer {
  const fx = {} as { server: HostileServer; transport: HttpTransport; admin: FrameAdminClient };
  const client = (credentials: Credentials) =>
    new FrameAdminClient({ baseUrl: `${fx.server.url}/v1`, credentials: { scheme: 'frame', ...credentials }, transport: fx.transport });
  before(async () => {
    fx.server = await startHostileServer(routes);
    fx.transport = new HttpTransport({ retry });
    fx.admin = client({ clientId: 'c', clientSecret: 's' });
  });
  after(async () => {
    await fx.transport.close();
    await fx.server.close();
  });
  beforeEach(() => {
    fx.server.hits.length = 0;
  });
  return Object.assign(fx, { client });
}
