import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  Alert,
  AlertBulkAcknowledgeResult,
  AlertDetail,
  AlertEvent,
  AlertKpis,
  AlertKpisQuery,
  AlertListQuery,
  AlertSettings,
  Page,
  alertAcknowledgeSchema,
  alertBulkAcknowledgeSchema,
  alertKpisQuerySchema,
  alertListQuerySchema,
  alertResolveSchema,
  alertSettingsSchema,
  alertSnoozeSchema,
} from '@stockpulse/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { AlertLifecycleUseCase } from '../application/alert-lifecycle/alert-lifecycle.use-case';
import { AlertSettingsUseCase } from '../application/alert-settings/alert-settings.use-case';
import { QueryAlertsUseCase } from '../application/query-alerts/query-alerts.use-case';
import { AlertStream } from '../infrastructure/alert-stream';

/** A comment line every 15 s keeps proxies and the browser from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

@ApiTags('alerts')
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly queries: QueryAlertsUseCase,
    private readonly lifecycle: AlertLifecycleUseCase,
    private readonly stream: AlertStream,
  ) {}

  @Get()
  @RequireScope('alerts:read')
  @ApiOperation({
    summary:
      'The alert inbox: filter by status (default open,acknowledged: snoozed alerts sleep), kind, severity, sku, location, category, supplier; paged and sorted on the server (default: most severe, newest first)',
  })
  @ApiZodQuery(alertListQuerySchema)
  list(@Query(new ZodPipe(alertListQuerySchema)) query: AlertListQuery): Promise<Page<Alert>> {
    return this.queries.list(query);
  }

  @Get('kpis')
  @RequireScope('alerts:read')
  @ApiOperation({
    summary: 'Alert KPIs over [from, to) (default the last 30 days): open by severity, minutes to acknowledge (median, p90), stockouts per SKU x location and their hours, alerts followed by a stockout',
  })
  @ApiZodQuery(alertKpisQuerySchema as never)
  kpis(@Query(new ZodPipe(alertKpisQuerySchema)) query: AlertKpisQuery): Promise<AlertKpis> {
    return this.queries.kpis(query);
  }

  @Get('stream')
  @RequireScope('alerts:read')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Server-sent events: `event: alert` with data { type: opened | escalated | acknowledged | snoozed | unsnoozed | resolved, alert } for every alert change, from any process; a comment line every 15 s',
  })
  @ApiOkResponse({ description: 'text/event-stream' })
  live(@Req() req: Request, @Res() res: Response): void {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 5000\n: connected\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const subscription = this.stream.changes().subscribe({
      next: (event) => res.write(`event: alert\ndata: ${JSON.stringify(event)}\n\n`),
      // the process is shutting down: end the response so the server can close
      complete: () => res.end(),
    });
    req.on('close', () => {
      clearInterval(heartbeat);
      subscription.unsubscribe();
    });
  }

  @Post('acknowledge')
  @RequireScope('alerts:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge many alerts at once (the inbox); answers the acknowledged alerts and the ids skipped, with why' })
  @ApiZodBody(alertBulkAcknowledgeSchema)
  acknowledgeMany(@Body(new ZodPipe(alertBulkAcknowledgeSchema)) body: z.output<typeof alertBulkAcknowledgeSchema>): Promise<AlertBulkAcknowledgeResult> {
    return this.lifecycle.acknowledgeMany(body.ids);
  }

  @Get(':id')
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'One alert with its snapshot and its timeline' })
  get(@Param('id') id: string): Promise<AlertDetail> {
    return this.queries.get(id);
  }

  @Get(':id/events')
  @RequireScope('alerts:read')
  @ApiOperation({ summary: "An alert's timeline, oldest first" })
  events(@Param('id') id: string): Promise<{ items: AlertEvent[] }> {
    return this.queries.events(id);
  }

  @Post(':id/acknowledge')
  @RequireScope('alerts:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge: someone is on it (stops time-based escalation, not the alert)' })
  @ApiZodBody(alertAcknowledgeSchema)
  acknowledge(@Param('id') id: string, @Body(new ZodPipe(alertAcknowledgeSchema)) body: z.output<typeof alertAcknowledgeSchema>): Promise<Alert> {
    return this.lifecycle.acknowledge(id, body.note);
  }

  @Post(':id/snooze')
  @RequireScope('alerts:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide the alert from the inbox until a time; it wakes then (or at once if it gets worse)' })
  @ApiZodBody(alertSnoozeSchema)
  snooze(@Param('id') id: string, @Body(new ZodPipe(alertSnoozeSchema)) body: z.output<typeof alertSnoozeSchema>): Promise<Alert> {
    return this.lifecycle.snooze(id, new Date(body.until));
  }

  @Post(':id/resolve')
  @RequireScope('alerts:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve by hand with a reason; like a recovery, no new alert of the family opens until stock recovers past the re-arm level (unless it gets worse)',
  })
  @ApiZodBody(alertResolveSchema)
  resolve(@Param('id') id: string, @Body(new ZodPipe(alertResolveSchema)) body: z.output<typeof alertResolveSchema>): Promise<Alert> {
    return this.lifecycle.resolve(id, body.reason);
  }
}

@ApiTags('alerts')
@Controller('api/v1/alert-settings')
export class AlertSettingsController {
  constructor(private readonly settings: AlertSettingsUseCase) {}

  @Get()
  @RequireScope('alerts:read')
  @ApiOperation({ summary: 'Alert settings: approachDays, reArmDays (hysteresis), escalateAfterMinutes' })
  get(): Promise<AlertSettings> {
    return this.settings.get();
  }

  @Put()
  @RequireScope('admin')
  @ApiOperation({ summary: 'Change the alert settings (admins)' })
  @ApiZodBody(alertSettingsSchema)
  put(@Body(new ZodPipe(alertSettingsSchema)) body: AlertSettings): Promise<AlertSettings> {
    return this.settings.put(body);
  }
}
