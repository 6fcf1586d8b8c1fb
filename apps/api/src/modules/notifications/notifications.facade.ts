import { Injectable } from '@nestjs/common';
import type { RuleCreate } from '@stockpulse/contracts';
import { Database } from '../../shared/database';
import { ManageRulesUseCase } from './application/manage-rules/manage-rules.use-case';
import { RulesRepository } from './infrastructure/rules.repository';

/** What other contexts may ask of notifications (the demo data sets up a rule). */
@Injectable()
export class NotificationsFacade {
  constructor(
    private readonly db: Database,
    private readonly rulesRepository: RulesRepository,
    private readonly rules: ManageRulesUseCase,
  ) {}

  /** Creates the rule unless one of that name exists (a demo load that restarts asks again). */
  async ensureRule(input: RuleCreate): Promise<void> {
    if (!(await this.db.read((em) => this.rulesRepository.existsNamed(em, input.name)))) await this.rules.create(input);
  }
}
