import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Scope } from '@stockpulse/contracts';

/** An integration's key; the table holds its SHA-256 and a short visible prefix, never the key. */
@Entity({ schema: 'identity', name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'bytea' })
  keyHash: Buffer;

  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'text', array: true })
  scopes: Scope[];

  @Column({ type: 'text' })
  createdByKind: string;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'text' })
  createdByName: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
