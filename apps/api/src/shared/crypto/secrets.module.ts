import { Global, Logger, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ConfigError } from '../../config/app-config';
import { keyFileIn, SecretBox } from './secret-box';

/** The one SecretBox, keyed by SECRET_KEY or, without it, by the key file in DATA_DIR. */
@Global()
@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (config.secretKey.current) return new SecretBox(config.secretKey.current, config.secretKey.previous);
        let found: { key: string; created: boolean };
        try {
          found = keyFileIn(config.database.dataDir);
        } catch (e) {
          throw new ConfigError(
            `Invalid configuration:\n  SECRET_KEY: not set, and no key could be kept in ${config.database.dataDir}/secret.key (${(e as Error).message}); set SECRET_KEY (openssl rand -base64 32)`,
          );
        }
        const { key, created } = found;
        const logger = new Logger('Secrets');
        if (created) logger.warn(`no SECRET_KEY: generated ${config.database.dataDir}/secret.key; back it up, or set SECRET_KEY`);
        else if (config.env === 'production') logger.warn(`no SECRET_KEY: using ${config.database.dataDir}/secret.key; every process must share it`);
        return new SecretBox(key, config.secretKey.previous);
      },
    },
  ],
  exports: [SecretBox],
})
export class SecretsModule {}
