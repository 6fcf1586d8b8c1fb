import { Injectable } from '@nestjs/common';

/**
 * The time alerts live by: opening, acknowledging, snoozing, waking and escalating all ask it. Tests drive time
 * through it (replace `now`) instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
