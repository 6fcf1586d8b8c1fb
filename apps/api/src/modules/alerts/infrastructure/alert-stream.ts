import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AlertStreamEvent } from '@stockpulse/contracts';
import Redis from 'ioredis';
import { Observable, Subject } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';

/**
 * Alert changes for the live inbox (GET /api/v1/alerts/stream). The process that changed an alert publishes
 * after its commit; every process serving HTTP forwards to its own SSE clients.
 * - with REDIS_URL: a Redis pub/sub channel `<REDIS_PREFIX>:alerts:stream`, so an alert opened by a worker reaches
 *   the clients of every API process (the publisher's own clients too, through its subscription: never twice);
 * - without: an in-process subject (the embedded single process).
 * Delivery is best effort (a client that was disconnected refetches the list); the truth is the alerts table.
 */
@Injectable()
export class AlertStream implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AlertStream');
  private readonly subject = new Subject<AlertStreamEvent>();
  private publisher?: Redis;
  private subscriber?: Redis;
  private readonly channel: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.channel = `${config.redisPrefix}:alerts:stream`;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.redisUrl) return;
    this.publisher = new Redis(this.config.redisUrl, { maxRetriesPerRequest: 3 });
    this.publisher.on('error', (e) => this.logger.warn(`Redis (publisher): ${e.message}`));
    if (this.config.role === 'worker') return;
    this.subscriber = new Redis(this.config.redisUrl, { maxRetriesPerRequest: null });
    this.subscriber.on('error', (e) => this.logger.warn(`Redis (subscriber): ${e.message}`));
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      try {
        this.subject.next(JSON.parse(message) as AlertStreamEvent);
      } catch (e) {
        this.logger.warn(`unreadable stream message dropped: ${(e as Error).message}`);
      }
    });
    await this.subscriber.subscribe(this.channel);
  }

  async onModuleDestroy(): Promise<void> {
    this.subject.complete();
    await Promise.allSettled([this.subscriber?.quit(), this.publisher?.quit()]);
  }

  /** Call after the change committed (afterCommit). Never throws: the stream is a convenience, not the record. */
  async publish(events: AlertStreamEvent[]): Promise<void> {
    for (const event of events) {
      if (!this.publisher) {
        this.subject.next(event);
        continue;
      }
      try {
        await this.publisher.publish(this.channel, JSON.stringify(event));
      } catch (e) {
        this.logger.warn(`publishing an alert change failed: ${(e as Error).message}`);
      }
    }
  }

  /** Every alert change from now on, from any process. */
  changes(): Observable<AlertStreamEvent> {
    return this.subject.asObservable();
  }
}
