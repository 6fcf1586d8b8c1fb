import { z } from 'zod';
import { isoDateTimeSchema, pageQuerySchema } from './common';

export const ROLES = ['admin', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  'inventory:read',
  'inventory:write',
  'catalog:read',
  'catalog:write',
  'alerts:read',
  'alerts:write',
  'atp:read',
  'atp:write',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

/** What each role may do; `admin` implies every scope. */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  admin: ['admin'],
  planner: [
    'inventory:read',
    'inventory:write',
    'catalog:read',
    'catalog:write',
    'alerts:read',
    'alerts:write',
    'atp:read',
    'atp:write',
  ],
  viewer: ['inventory:read', 'catalog:read', 'alerts:read', 'atp:read'],
};

export const loginSchema = z
  .object({
    email: z.email({ message: 'must be an email address' }),
    password: z.string({ message: 'must be a string' }).min(1, 'must not be empty').max(200),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginSchema>;

export interface Me {
  kind: 'user' | 'api-key';
  id: string;
  name: string;
  email?: string;
  role?: Role;
  scopes: Scope[];
}

// ---------------------------------------------------------------------------------------------------------------
// Users

/** Passwords: at least 10 characters (like ADMIN_PASSWORD), at most 200 (bcrypt reads the first 72 bytes). */
export const MIN_PASSWORD_LENGTH = 10;
export const passwordSchema = z
  .string({ message: 'must be a string' })
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'must be at most 200 characters')
  .refine((p) => new TextEncoder().encode(p).length <= 72, 'must be at most 72 bytes in UTF-8');

const userNameSchema = z
  .string({ message: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** Emails are compared case-insensitively and stored lower-cased. */
export const userEmailSchema = z
  .string({ message: 'must be a string' })
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((e) => e.toLowerCase());

const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });

export const userCreateSchema = z
  .object({
    email: userEmailSchema,
    name: userNameSchema,
    role: roleSchema,
    password: passwordSchema,
  })
  .strict();
export type UserCreate = z.input<typeof userCreateSchema>;

export const userPatchSchema = z
  .object({
    name: userNameSchema.optional(),
    role: roleSchema.optional(),
    active: z.boolean({ message: 'must be true or false' }).optional(),
    password: passwordSchema.optional(),
  })
  .strict();
export type UserPatch = z.input<typeof userPatchSchema>;

export const USER_SORTS = ['email', '-email', 'name', '-name', 'createdAt', '-createdAt'] as const;
export const userListQuerySchema = pageQuerySchema
  .extend({
    sort: z.enum(USER_SORTS, { message: `must be one of ${USER_SORTS.join(', ')}` }).optional(),
    role: roleSchema.optional(),
    active: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
    q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  })
  .strict();
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// API keys

export const apiKeyCreateSchema = z
  .object({
    name: userNameSchema,
    scopes: z
      .array(z.enum(SCOPES, { message: `must be one of ${SCOPES.join(', ')}` }), { message: 'must be a list of scopes' })
      .max(SCOPES.length, `at most ${SCOPES.length} scopes`)
      .transform((s) => [...new Set(s)]),
  })
  .strict();
export type ApiKeyCreate = z.input<typeof apiKeyCreateSchema>;

export const apiKeyListQuerySchema = pageQuerySchema
  .extend({
    includeRevoked: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  })
  .strict();
export type ApiKeyListQuery = z.infer<typeof apiKeyListQuerySchema>;

export interface ApiKey {
  id: string;
  name: string;
  scopes: Scope[];
  /** the first characters of the key, to recognise it; never enough to use it */
  prefix: string;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The answer to POST /api/v1/api-keys: the only time the key itself is shown. */
export interface CreatedApiKey {
  id: string;
  key: string;
  name: string;
  scopes: Scope[];
  prefix: string;
  createdAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Audit log

export const auditLogQuerySchema = pageQuerySchema
  .extend({
    sort: z.enum(['-at', 'at'], { message: 'must be -at or at' }).optional(),
    entityType: z.string().trim().min(1).max(100).optional(),
    entityId: z.string().trim().min(1).max(200).optional(),
    /** the actor's id, or (case-insensitively) its name (user email, key name, `system`) */
    actor: z.string().trim().min(1).max(254).optional(),
    action: z.string().trim().min(1).max(100).optional(),
    from: isoDateTimeSchema.optional(),
    to: isoDateTimeSchema.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['to'],
    message: 'must not be before from',
  });
export type AuditLogQuery = z.infer<typeof auditLogQuerySchema>;

export interface AuditLogEntry {
  id: string;
  at: string;
  actor: { kind: 'user' | 'api-key' | 'system'; id: string | null; name: string };
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}
