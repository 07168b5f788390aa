import net from 'net';

/**
 * A TCP proxy to put between a client and a server, to cut the line
 * (`close`) and mend it (`open` again on the same port), or to hold what the
 * client sends (`hold`, `release`) while something happens on the server.
 */
export class TcpProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly heldWrites: Array<() => void> = [];
  private holding = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on `port` (a free one the first time, the same one after `close`). */
  async open(): Promise<void> {
    const server = net.createServer(client => this.connect(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and cuts every open connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();
    await new Promise<void>(resolve =>
      server ? server.close(() => resolve()) : resolve(),
    );
  }

  /** Keeps what clients send from reaching the server until `release`. */
  hold() {
    this.holding = true;
  }

  release() {
    this.holding = false;
    for (const write of this.heldWrites.splice(0)) {
      write();
    }
  }

  get connectionCount() {
    return this.sockets.size / 2;
  }

  private connect(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('data', chunk => {
      const write = () => {
        if (!upstream.destroyed) {
          upstream.write(chunk);
        }
      };
      if (this.holding) {
        this.heldWrites.push(write);
      } else {
        write();
      }
    });
    upstream.on('data', chunk => {
      if (!client.destroyed) {
        client.write(chunk);
      }
    });
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
