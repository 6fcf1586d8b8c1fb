import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { InboxPage } from '@stockpulse/contracts';
import { inboxQuerySchema, inboxReadSchema } from '@stockpulse/contracts';
import { z } from 'zod';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { InboxUseCase } from '../application/inbox/inbox.use-case';

@ApiTags('notifications')
@Controller('api/v1/me/notifications')
export class InboxController {
  constructor(private readonly inbox: InboxUseCase) {}

  @Get()
  @RequireScope('alerts:read')
  @ApiOperation({ summary: "The signed-in user's notification inbox (alerts routed to them on the dashboard channel), newest first, with the unread count" })
  @ApiZodQuery(inboxQuerySchema)
  list(@Query(new ZodPipe(inboxQuerySchema)) q: z.output<typeof inboxQuerySchema>): Promise<InboxPage> {
    return this.inbox.list(q);
  }

  @Post('read')
  @HttpCode(200)
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'Mark inbox items read: { ids: [...] } or { all: true }; answers the unread count left' })
  @ApiZodBody(inboxReadSchema)
  read(@Body(new ZodPipe(inboxReadSchema)) body: z.output<typeof inboxReadSchema>): Promise<{ unread: number }> {
    return this.inbox.markRead(body);
  }
}
