import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PolicyInput,
  policyChangeDecisionSchema,
  policyChangeListQuerySchema,
  policyDefaultInputSchema,
  policyInputSchema,
  policyListQuerySchema,
  recomputeRequestSchema,
  serviceLevelsSchema,
} from '@stockpulse/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { DecidePolicyChangeUseCase } from '../application/decide-policy-change/decide-policy-change.use-case';
import { ManageDefaultsUseCase } from '../application/manage-defaults/manage-defaults.use-case';
import { PutPolicyUseCase } from '../application/put-policy/put-policy.use-case';
import { ReadPoliciesQuery } from '../application/read-policies/read-policies.query';
import { StartRecomputeUseCase } from '../application/recompute-policies/start-recompute.use-case';

/**
 * Reorder policies. Reads need `inventory:read`; planners and admins change policies (`catalog:write`: policies
 * are planning master data, like supplier terms); an admin decides changes that wait for approval.
 */
@ApiTags('thresholds')
@Controller('api/v1/policies')
export class PoliciesController {
  constructor(
    private readonly reads: ReadPoliciesQuery,
    private readonly put: PutPolicyUseCase,
    private readonly recompute: StartRecomputeUseCase,
  ) {}

  @Get()
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'Computed policies, paged, sorted and filtered (sku, location, category, method, abcClass)' })
  @ApiZodQuery(policyListQuerySchema)
  list(@Query(new ZodPipe(policyListQuerySchema)) query: z.output<typeof policyListQuerySchema>) {
    return this.reads.listPolicies(query);
  }

  // declared before :sku/:location, which would otherwise take "recompute" for a SKU code
  @Post('recompute')
  @RequireScope('catalog:write')
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute all policies, or those of some SKUs, locations or categories; answers the run id' })
  @ApiZodBody(recomputeRequestSchema)
  startRecompute(@Body(new ZodPipe(recomputeRequestSchema)) body: z.output<typeof recomputeRequestSchema>) {
    return this.recompute.execute(body);
  }

  @Get('recompute/:id')
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'Progress of a recompute run' })
  getRun(@Param('id') id: string) {
    return this.reads.getRun(id);
  }

  @Get(':sku/:location')
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'The policy in force for a SKU x location, with its computed figures and how they were computed' })
  get(@Param('sku') sku: string, @Param('location') location: string) {
    return this.reads.getPolicy(sku, location);
  }

  @Put(':sku/:location')
  @RequireScope('catalog:write')
  @ApiOperation({
    summary: 'Set the policy of a SKU x location (static min/max or dynamic); recomputed at once',
    description: 'A change that needs an admin (category setting) answers 202 with the pending change instead.',
  })
  @ApiZodBody(policyInputSchema)
  @ApiOkResponse({ description: 'applied: the policy in force' })
  @ApiAcceptedResponse({ description: 'waits for an admin: the pending change' })
  async update(
    @Param('sku') sku: string,
    @Param('location') location: string,
    @Body(new ZodPipe(policyInputSchema)) body: PolicyInput,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.put.execute(sku, location, body);
    if (result.applied) return result.policy;
    res.status(202);
    return result.change;
  }
}

@ApiTags('thresholds')
@Controller('api/v1/policy-defaults')
export class PolicyDefaultsController {
  constructor(private readonly defaults: ManageDefaultsUseCase) {}

  @Get()
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'Every policy default, per location and per category' })
  list() {
    return this.defaults.list();
  }

  @Get(':scope/:key')
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'The default policy of a location (by code) or a category' })
  get(@Param('scope') scope: string, @Param('key') key: string) {
    return this.defaults.get(scope, key);
  }

  @Put(':scope/:key')
  @RequireScope('catalog:write')
  @ApiOperation({ summary: 'Set the default policy of a location or a category; queues a recompute of the SKU x locations it reaches (recomputeRunId)' })
  @ApiZodBody(policyDefaultInputSchema)
  put(@Param('scope') scope: string, @Param('key') key: string, @Body(new ZodPipe(policyDefaultInputSchema)) body: z.output<typeof policyDefaultInputSchema>) {
    return this.defaults.put(scope, key, body);
  }
}

@ApiTags('thresholds')
@Controller('api/v1/service-levels')
export class ServiceLevelsController {
  constructor(private readonly defaults: ManageDefaultsUseCase) {}

  @Get()
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'Target cycle service level per ABC class' })
  get() {
    return this.defaults.serviceLevels();
  }

  @Put()
  @RequireScope('catalog:write')
  @ApiOperation({ summary: 'Set the target cycle service level per ABC class; queues a recompute of every policy (recomputeRunId)' })
  @ApiZodBody(serviceLevelsSchema)
  put(@Body(new ZodPipe(serviceLevelsSchema)) body: z.output<typeof serviceLevelsSchema>) {
    return this.defaults.putServiceLevels(body);
  }
}

@ApiTags('thresholds')
@Controller('api/v1/policy-changes')
export class PolicyChangesController {
  constructor(
    private readonly reads: ReadPoliciesQuery,
    private readonly decide: DecidePolicyChangeUseCase,
  ) {}

  @Get()
  @RequireScope('inventory:read')
  @ApiOperation({ summary: 'Policy changes waiting for (or decided by) an admin' })
  @ApiZodQuery(policyChangeListQuerySchema)
  list(@Query(new ZodPipe(policyChangeListQuerySchema)) query: z.output<typeof policyChangeListQuerySchema>) {
    return this.reads.listChanges(query.status, query.limit, query.cursor, query.offset);
  }

  @Post(':id/approve')
  @RequireScope('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a pending policy change: it is applied and recomputed' })
  @ApiZodBody(policyChangeDecisionSchema)
  approve(@Param('id') id: string, @Body(new ZodPipe(policyChangeDecisionSchema)) body: z.output<typeof policyChangeDecisionSchema>) {
    return this.decide.execute(id, 'approve', body.reason ?? null);
  }

  @Post(':id/reject')
  @RequireScope('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a pending policy change' })
  @ApiZodBody(policyChangeDecisionSchema)
  reject(@Param('id') id: string, @Body(new ZodPipe(policyChangeDecisionSchema)) body: z.output<typeof policyChangeDecisionSchema>) {
    return this.decide.execute(id, 'reject', body.reason ?? null);
  }
}
