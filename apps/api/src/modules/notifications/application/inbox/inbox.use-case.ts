import { Injectable } from '@nestjs/common';
import type { InboxPage, InboxRead } from '@stockpulse/contracts';
import { inboxQuerySchema } from '@stockpulse/contracts';
import { z } from 'zod';
import { Database } from '../../../../shared/database';
import { ForbiddenError } from '../../../../shared/errors';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { requestContext } from '../../../../shared/http/request-context';
import { InboxRepository } from '../../infrastructure/inbox.repository';

/** The dashboard address of the signed-in user, as route-alert writes it; an API key has no inbox. */
function myAddress(): string {
  const principal = requestContext.get()?.principal;
  if (principal?.kind !== 'user') throw new ForbiddenError('Only a signed-in user has a notification inbox; an API key has none.');
  return `user:${principal.id}`;
}

/** GET /api/v1/me/notifications and POST /api/v1/me/notifications/read: the bell of the dashboard. */
@Injectable()
export class InboxUseCase {
  constructor(
    private readonly db: Database,
    private readonly inbox: InboxRepository,
  ) {}

  async list(q: z.output<typeof inboxQuerySchema>): Promise<InboxPage> {
    const address = myAddress();
    const offset = decodeCursor(q.cursor, q.offset);
    const { items, total, unread } = await this.db.read((em) => this.inbox.list(em, address, q.unread === 'true', q.limit, offset));
    return { ...page(items, total, offset, q.limit), unread };
  }

  async markRead(body: InboxRead): Promise<{ unread: number }> {
    const address = myAddress();
    return { unread: await this.db.transaction((em) => this.inbox.markRead(em, address, body.all ? null : body.ids!)) };
  }
}
