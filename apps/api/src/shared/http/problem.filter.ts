import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Problem } from '@stockpulse/contracts';
import { DomainError } from '../errors';

const TYPE_BASE = 'https://stockpulse.dev/problems/';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Every error leaves the API as application/problem+json (RFC 9457), with field paths for validation errors. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500) this.logger.error({ err: exception, url: req.url }, 'unhandled error');
    if (res.headersSent) return;
    res.status(problem.status).type('application/problem+json').json(problem);
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof DomainError) {
      return this.problem(exception.status, exception.type, exception.message, exception.errors);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
      return this.problem(status, slug(TITLES[status] ?? 'error'), detail);
    }
    // errors raised by body-parser before routing (malformed JSON, body too large)
    const e = exception as { type?: string; status?: number; message?: string };
    if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      const detail = e.type === 'entity.parse.failed' ? `The body is not valid JSON: ${e.message}` : (e.message ?? '');
      return this.problem(e.status, slug(e.type ?? TITLES[e.status] ?? 'error'), detail);
    }
    return this.problem(500, 'internal-error', 'An unexpected error occurred; it has been logged.');
  }

  private problem(status: number, type: string, detail: string, errors?: Problem['errors']): Problem {
    const p: Problem = { type: TYPE_BASE + type, title: TITLES[status] ?? 'Error', status, detail };
    if (errors?.length) p.errors = errors;
    return p;
  }
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
