import { TestTwilioServer } from '../../../shared/testing/notification-peers';
import { attemptWindow } from '../domain/sms-lookup';
import type { OutgoingMessage } from './channel-sender';
import { TwilioSmsSender } from './sms.sender';

const SERVICE = `MG${'0123456789abcdef'.repeat(2)}`;
const TO = '+14155550160';

/** The twilio package against a server speaking Twilio's Messages API: a send, then the lookup of it. */
describe("looking an SMS up in Twilio's message log (twilio package)", () => {
  const twilio = new TestTwilioServer();
  let baseUrl: string;
  const sender = (from: string) => new TwilioSmsSender({ accountSid: twilio.accountSid, authToken: twilio.authToken, from, baseUrl }, 500);
  const sms = (text: string): OutgoingMessage => ({ deliveryId: 'd1', channel: 'sms', address: TO, subject: null, text, html: null, json: null, secret: null });
  const lookUp = (s: TwilioSmsSender, text: string, startedAt: Date) => s.find({ to: TO, text, startedAt }, attemptWindow(startedAt, 5_000));

  beforeAll(async () => {
    baseUrl = await twilio.start();
  });
  beforeEach(() => twilio.reset());
  afterAll(() => twilio.stop());

  it('through a messaging service: found by its service (the list cannot filter on it), not by another sender', async () => {
    const startedAt = new Date();
    await expect(sender(SERVICE).send(sms('low stock'))).resolves.toMatchObject({ status: 'delivered' });
    await expect(lookUp(sender(SERVICE), 'low stock', startedAt)).resolves.toEqual({ status: 'found', sid: twilio.received[0].sid, messageStatus: 'queued' });
    await expect(lookUp(sender('+15005550006'), 'low stock', startedAt)).resolves.toEqual({ status: 'absent' });
    await expect(lookUp(sender(SERVICE), 'another text', startedAt)).resolves.toEqual({ status: 'absent' });
  });

  it('a log that does not answer, or answers 500, is a failed lookup, not an absent message', async () => {
    await sender('+15005550006').send(sms('low stock'));
    twilio.listBehaviours.set(TO, 'hang');
    await expect(lookUp(sender('+15005550006'), 'low stock', new Date())).resolves.toMatchObject({ status: 'failed', error: expect.stringMatching(/timeout/) });
    twilio.listBehaviours.set(TO, '500');
    await expect(lookUp(sender('+15005550006'), 'low stock', new Date())).resolves.toMatchObject({ status: 'failed', error: expect.stringMatching(/HTTP 500/) });
  });
});
