import { z } from 'zod';

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
