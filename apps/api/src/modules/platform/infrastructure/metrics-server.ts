import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { metricsRegistry } from '../../../shared/metrics';

/**
 * With METRICS_PORT > 0: a second, minimal HTTP server on 127.0.0.1 that serves GET /metrics without
 * authentication (for a Prometheus on the same host or network namespace). Runs in every role, so workers,
 * which have no API server, expose their metrics too.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.metricsPort <= 0) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only GET /metrics is served here.\n');
        return;
      }
      metricsRegistry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': metricsRegistry.contentType }).end(req.method === 'HEAD' ? undefined : text),
        (e: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${e.message}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.metricsPort, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
