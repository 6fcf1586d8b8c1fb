import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../../shared/queue/job-handler.decorator';
import { JobHandlerInstance } from '../../../shared/queue/job-queue.port';
import { AlertTimersUseCase } from '../application/alert-timers/alert-timers.use-case';

@Injectable()
@JobHandler('alerts.wake-snoozed-alerts')
export class WakeSnoozedAlertsJob implements JobHandlerInstance<'alerts.wake-snoozed-alerts'> {
  constructor(private readonly timers: AlertTimersUseCase) {}

  async handle(): Promise<void> {
    await this.timers.wakeSnoozed();
  }
}

@Injectable()
@JobHandler('alerts.escalate-unacknowledged-alerts')
export class EscalateUnacknowledgedAlertsJob implements JobHandlerInstance<'alerts.escalate-unacknowledged-alerts'> {
  constructor(private readonly timers: AlertTimersUseCase) {}

  async handle(): Promise<void> {
    await this.timers.escalateUnacknowledged();
  }
}
