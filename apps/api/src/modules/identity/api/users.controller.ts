import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import {
  Page,
  User,
  UserCreate,
  UserListQuery,
  UserPatch,
  userCreateSchema,
  userListQuerySchema,
  userPatchSchema,
} from '@stockpulse/contracts';
import { RequireScope } from '../../../shared/http/auth';
import { ApiZodBody, ApiZodQuery, ZodPipe } from '../../../shared/http/zod';
import { CreateUserUseCase } from '../application/create-user/create-user.use-case';
import { ListUsersUseCase } from '../application/list-users/list-users.use-case';
import { UpdateUserUseCase } from '../application/update-user/update-user.use-case';
import { SESSION_COOKIE, sha256 } from '../infrastructure/secrets';

export const idParam = new ZodPipe(z.uuid({ message: 'must be a UUID' }));

@ApiTags('identity')
@Controller('api/v1/users')
@RequireScope('admin')
export class UsersController {
  constructor(
    private readonly createUser: CreateUserUseCase,
    private readonly updateUser: UpdateUserUseCase,
    private readonly users: ListUsersUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The users (paged; filter by role, active, or q in email and name)' })
  @ApiZodQuery(userListQuerySchema)
  list(@Query(new ZodPipe(userListQuerySchema)) query: UserListQuery): Promise<Page<User>> {
    return this.users.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a user with a role (admin, planner, viewer) and an initial password' })
  @ApiZodBody(userCreateSchema)
  create(@Body(new ZodPipe(userCreateSchema)) body: UserCreate): Promise<User> {
    return this.createUser.execute(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  get(@Param('id', idParam) id: string): Promise<User> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, role, active or password; deactivating ends the sessions; the last active admin stays',
  })
  @ApiZodBody(userPatchSchema)
  update(
    @Param('id', idParam) id: string,
    @Body(new ZodPipe(userPatchSchema)) body: UserPatch,
    @Req() req: Request,
  ): Promise<User> {
    const token = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    return this.updateUser.execute(id, body, typeof token === 'string' ? sha256(token) : undefined);
  }
}
