import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CreatedRecipient, Delivery, LoggedMessage, NotificationRule, Page, Recipient } from '@stockpulse/contracts';
import {
  deliveryListQuerySchema,
  messageLogQuerySchema,
  recipientCreateSchema,
  recipientListQuerySchema,
  recipientPatchSchema,
  recipientTestSchema,
  ruleCreateSchema,
  ruleListQuerySchema,
  rulePatchSchema,
} from '@stockpulse/contracts';
import { z } from 'zod';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { ManageRecipientsUseCase } from '../application/manage-recipients/manage-recipients.use-case';
import { ManageRulesUseCase } from '../application/manage-rules/manage-rules.use-case';
import { DeliveriesUseCase } from '../application/query-deliveries/deliveries.use-case';
import { SendTestMessageUseCase } from '../application/send-test-message/send-test-message.use-case';

const idParam = new ZodPipe(z.uuid({ message: 'must be a UUID' }));

@ApiTags('notifications')
@Controller('api/v1/notification-recipients')
export class RecipientsController {
  constructor(
    private readonly recipients: ManageRecipientsUseCase,
    private readonly testMessage: SendTestMessageUseCase,
  ) {}

  @Get()
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'List notification recipients (q searches name, email, phone; userId)' })
  @ApiZodQuery(recipientListQuerySchema)
  list(@Query(new ZodPipe(recipientListQuerySchema)) q: z.output<typeof recipientListQuerySchema>): Promise<Page<Recipient>> {
    return this.recipients.list(q);
  }

  @Post()
  @RequireScope('alerts:write')
  @ApiOperation({ summary: 'Create a recipient: a user (userId) or an external contact; the webhook secret is answered once' })
  @ApiZodBody(recipientCreateSchema)
  create(@Body(new ZodPipe(recipientCreateSchema)) body: z.output<typeof recipientCreateSchema>): Promise<CreatedRecipient> {
    return this.recipients.create(body);
  }

  @Get(':id')
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'One recipient, with its suppressed addresses' })
  get(@Param('id', idParam) id: string): Promise<Recipient> {
    return this.recipients.get(id);
  }

  @Patch(':id')
  @RequireScope('alerts:write')
  @ApiOperation({
    summary:
      'Change addresses and preferences (severities per channel, quiet hours, time zone, digest); answers webhookSecret once when it made one for a new webhook URL',
  })
  @ApiZodBody(recipientPatchSchema)
  update(@Param('id', idParam) id: string, @Body(new ZodPipe(recipientPatchSchema)) body: z.output<typeof recipientPatchSchema>): Promise<Recipient> {
    return this.recipients.update(id, body);
  }

  @Post(':id/test')
  @HttpCode(202)
  @RequireScope('alerts:write')
  @ApiOperation({ summary: "Send a test message on one of the recipient's channels (email, sms, webhook); answers its delivery, to follow in the log" })
  @ApiZodBody(recipientTestSchema)
  test(@Param('id', idParam) id: string, @Body(new ZodPipe(recipientTestSchema)) body: z.output<typeof recipientTestSchema>): Promise<Delivery> {
    return this.testMessage.execute(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScope('alerts:write')
  @ApiOperation({ summary: 'Delete a recipient no rule names (its deliveries go with it)' })
  async remove(@Param('id', idParam) id: string): Promise<void> {
    await this.recipients.remove(id);
  }
}

@ApiTags('notifications')
@Controller('api/v1/notification-rules')
export class RulesController {
  constructor(private readonly rules: ManageRulesUseCase) {}

  @Get()
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'List routing rules' })
  @ApiZodQuery(ruleListQuerySchema)
  list(@Query(new ZodPipe(ruleListQuerySchema)) q: z.output<typeof ruleListQuerySchema>): Promise<Page<NotificationRule>> {
    return this.rules.list(q);
  }

  @Post()
  @RequireScope('alerts:write')
  @ApiOperation({ summary: 'Create a rule: filters (severities, kinds, categories, locations, suppliers), channels, recipients, escalation chain' })
  @ApiZodBody(ruleCreateSchema)
  create(@Body(new ZodPipe(ruleCreateSchema)) body: z.output<typeof ruleCreateSchema>): Promise<NotificationRule> {
    return this.rules.create(body);
  }

  @Get(':id')
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'One routing rule' })
  get(@Param('id', idParam) id: string): Promise<NotificationRule> {
    return this.rules.get(id);
  }

  @Patch(':id')
  @RequireScope('alerts:write')
  @ApiOperation({ summary: 'Change a routing rule' })
  @ApiZodBody(rulePatchSchema)
  update(@Param('id', idParam) id: string, @Body(new ZodPipe(rulePatchSchema)) body: z.output<typeof rulePatchSchema>): Promise<NotificationRule> {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireScope('alerts:write')
  @ApiOperation({ summary: 'Delete a routing rule' })
  async remove(@Param('id', idParam) id: string): Promise<void> {
    await this.rules.remove(id);
  }
}

@ApiTags('notifications')
@Controller('api/v1')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesUseCase) {}

  @Get('deliveries')
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'What was delivered, is being retried or failed (filters alert, recipient, channel, status)' })
  @ApiZodQuery(deliveryListQuerySchema)
  list(@Query(new ZodPipe(deliveryListQuerySchema)) q: z.output<typeof deliveryListQuerySchema>): Promise<Page<Delivery>> {
    return this.deliveries.list(q);
  }

  @Get('deliveries/:id')
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'One delivery' })
  get(@Param('id', idParam) id: string): Promise<Delivery> {
    return this.deliveries.get(id);
  }

  @Post('deliveries/:id/retry')
  @HttpCode(200)
  @RequireScope('alerts:write')
  @ApiOperation({ summary: 'Send a dead, rejected, suppressed or unknown delivery again now (lifts the suppression of its address)' })
  retry(@Param('id', idParam) id: string): Promise<Delivery> {
    return this.deliveries.retry(id);
  }

  @Get('notification-messages')
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'Messages rendered and kept instead of sent (no SMTP_URL / TWILIO_* configured)' })
  @ApiZodQuery(messageLogQuerySchema)
  messages(@Query(new ZodPipe(messageLogQuerySchema)) q: z.output<typeof messageLogQuerySchema>): Promise<Page<LoggedMessage>> {
    return this.deliveries.messages(q);
  }
}
