import { classifySmtpError } from './email.sender';
import { classifyTwilioError } from './sms.sender';

describe('provider answers', () => {
  it('SMTP: 4xx temporary, 5xx permanent, no reply temporary', () => {
    expect(classifySmtpError(Object.assign(new Error('try later'), { responseCode: 451, command: 'RCPT TO' })).status).toBe('temporary');
    expect(classifySmtpError(Object.assign(new Error('no such user'), { responseCode: 550, command: 'RCPT TO' })).status).toBe('permanent');
    expect(classifySmtpError(Object.assign(new Error('Connection closed'), { code: 'ECONNECTION' })).status).toBe('temporary');
  });

  it('Twilio: bad numbers permanent, 429/5xx temporary with Retry-After, timeouts unknown, refused connections temporary', () => {
    expect(classifyTwilioError(Object.assign(new Error('invalid'), { status: 400, code: 21211 })).status).toBe('permanent');
    expect(classifyTwilioError(Object.assign(new Error('unsubscribed'), { status: 400, code: 21610 })).status).toBe('permanent');
    expect(classifyTwilioError(Object.assign(new Error('slow down'), { status: 429, code: 20429 }), '3')).toEqual({ status: 'temporary', error: expect.any(String), retryAfterMs: 3000 });
    expect(classifyTwilioError(Object.assign(new Error('oops'), { status: 503 })).status).toBe('temporary');
    expect(classifyTwilioError(Object.assign(new Error('bad credentials'), { status: 401, code: 20003 })).status).toBe('temporary');
    expect(classifyTwilioError(Object.assign(new Error('timeout of 1500ms exceeded'), { code: 'ECONNABORTED' })).status).toBe('unknown');
    expect(classifyTwilioError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).status).toBe('unknown');
    expect(classifyTwilioError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).status).toBe('temporary');
  });
});
