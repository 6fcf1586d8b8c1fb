import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiKey,
  ApiKeyCreate,
  ApiKeyListQuery,
  CreatedApiKey,
  Page,
  apiKeyCreateSchema,
  apiKeyListQuerySchema,
} from '@stockpulse/contracts';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { CreateApiKeyUseCase } from '../application/create-api-key/create-api-key.use-case';
import { ListApiKeysUseCase } from '../application/list-api-keys/list-api-keys.use-case';
import { RevokeApiKeyUseCase } from '../application/revoke-api-key/revoke-api-key.use-case';
import { idParam } from './users.controller';

@ApiTags('identity')
@Controller('api/v1/api-keys')
@RequireScope('admin')
export class ApiKeysController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The API keys, newest first (never the key itself; includeRevoked=true for all)' })
  @ApiZodQuery(apiKeyListQuerySchema)
  list(@Query(new ZodPipe(apiKeyListQuerySchema)) query: ApiKeyListQuery): Promise<Page<ApiKey>> {
    return this.listKeys.execute(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create an integration key with scopes; the answer is the only time the key is shown' })
  @ApiZodBody(apiKeyCreateSchema)
  create(@Body(new ZodPipe(apiKeyCreateSchema)) body: ApiKeyCreate): Promise<CreatedApiKey> {
    return this.createKey.execute(body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a key: it stops working at once' })
  async revoke(@Param('id', idParam) id: string): Promise<void> {
    await this.revokeKey.execute(id);
  }
}
