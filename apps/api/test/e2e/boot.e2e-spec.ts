import { createTestApp, TestApp } from '../../src/shared/testing/test-app';

describe('the application', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.info.title).toBe('Stockpulse API');
  });

  it('answers unknown routes with problem+json', async () => {
    const res = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
