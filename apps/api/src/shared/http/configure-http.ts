import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import { AppConfig } from '../../config/app-config';
import { requestContext } from './request-context';

/**
 * Everything about the HTTP surface that is not a route: body limits, cookies, request ids and logs, the
 * OpenAPI document at /api/docs, and the dashboard's static files with SPA fallback.
 */
export function configureHttp(app: INestApplication, config: AppConfig, logger: Logger): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  server.set('trust proxy', true);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    (req as Request & { id?: string }).id = requestId;
    requestContext.run({ requestId }, () => next());
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as unknown as { id: string }).id,
      autoLogging: { ignore: (req) => req.url === '/health' || !!req.url?.startsWith('/assets/') },
      customProps: (req) => ({ principal: (req as unknown as { principal?: { name: string } }).principal?.name }),
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(cookieParser());
  app.use(express.json({ limit: '25mb', type: ['application/json', 'application/*+json'] }));
  app.use(express.text({ limit: '100mb', type: ['text/csv', 'text/plain'] }));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Stockpulse API')
      .setDescription(
        'Inventory monitoring and replenishment. Errors are application/problem+json. ' +
          'Authenticate with the session cookie from POST /api/v1/auth/login, or `Authorization: Bearer <api key>`.',
      )
      .setVersion('1')
      .addCookieAuth('sp_session', { type: 'apiKey', in: 'cookie', name: 'sp_session' }, 'session')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key' }, 'api-key')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (existsSync(join(config.webDistDir, 'index.html'))) {
    server.use(express.static(config.webDistDir, { index: false, maxAge: '1h' }));
    server.get(/^\/(?!api\/|health$|metrics$).*/, (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || !req.accepts('html')) return next();
      res.sendFile(join(config.webDistDir, 'index.html'));
    });
  }
}
