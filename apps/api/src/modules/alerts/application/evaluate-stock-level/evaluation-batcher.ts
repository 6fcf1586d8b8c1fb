import { Injectable } from '@nestjs/common';
import { EvaluateStockLevelUseCase } from './evaluate-stock-level.use-case';
import { PairKey, pairKey } from './policy-source';

const MAX_BATCH = 500;

interface Waiting {
  key: PairKey;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Gathers the evaluation jobs a worker runs at the same moment (the events queue runs many at once) into one
 * EvaluateStockLevelUseCase.executeMany call, so a background of a thousand stock changes a second costs a few
 * set-based reads, not a thousand transactions. Each job still succeeds or fails (and is retried) on its own.
 */
@Injectable()
export class EvaluationBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly evaluate: EvaluateStockLevelUseCase) {}

  submit(key: PairKey): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (this.waiting.length) this.schedule();
    try {
      const failures = await this.evaluate.executeMany(batch.map((w) => w.key));
      for (const w of batch) {
        const failure = failures.get(pairKey(w.key));
        if (failure) w.reject(failure);
        else w.resolve();
      }
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
}
