import { Global, Module } from '@nestjs/common';
import { Outbox } from './outbox';
import { DEFAULT_SUBSCRIPTIONS, OUTBOX_SUBSCRIPTIONS, OutboxRelay } from './outbox-relay';

/** The outbox and its relay; the relay runs in every role (it only enqueues). */
@Global()
@Module({
  providers: [Outbox, OutboxRelay, { provide: OUTBOX_SUBSCRIPTIONS, useValue: DEFAULT_SUBSCRIPTIONS }],
  exports: [Outbox, OutboxRelay],
})
export class OutboxModule {}
