// The public face of the thresholds context: its facade, event types and DTO types.
export { ThresholdsModule } from './thresholds.module';
export { ThresholdsFacade } from './thresholds.facade';
export type { EffectivePolicy } from './thresholds.facade';
