import { Module } from '@nestjs/common';
import { AUTHENTICATOR, Authenticator } from '../../shared/http/auth';

// Placeholder until the identity context lands: nobody is authenticated.
const nobody: Authenticator = { authenticate: async () => null };

@Module({ providers: [{ provide: AUTHENTICATOR, useValue: nobody }], exports: [AUTHENTICATOR] })
export class IdentityModule {}
