import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { configureHttp } from './shared/http/configure-http';
import { PinoNestLogger, createRootLogger } from './shared/logger';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createRootLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  if (config.role === 'worker') {
    await app.init();
    logger.info({ role: config.role }, 'Stockpulse worker started');
    return;
  }
  configureHttp(app, config, logger);
  await app.listen(config.port);
  logger.info({ role: config.role, url: config.publicUrl }, `Stockpulse is running on ${config.publicUrl}`);
}

bootstrap().catch((e: unknown) => {
  console.error('Stockpulse failed to start:', e instanceof ConfigError ? e.message : e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
