import { Injectable } from '@nestjs/common';
import { Page, User, UserListQuery } from '@stockpulse/contracts';
import { Database } from '../../../../shared/database';
import { decodeCursor, page } from '../../../../shared/http/pagination';
import { UnknownUserError } from '../../domain/identity-errors';
import { UsersRepository, toUser } from '../../infrastructure/users.repository';

@Injectable()
export class ListUsersUseCase {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
  ) {}

  async list(q: UserListQuery): Promise<Page<User>> {
    const offset = decodeCursor(q.cursor, q.offset);
    const { items, total } = await this.db.read((em) => this.users.list(em, q, offset));
    return page(items, total, offset, q.limit);
  }

  async get(id: string): Promise<User> {
    const user = await this.db.read((em) => this.users.findById(em, id));
    if (!user) throw new UnknownUserError(id);
    return toUser(user);
  }
}
