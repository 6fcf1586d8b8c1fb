import { JobCatalogue } from './job-catalogue';
import { JobHandlerMismatchError, JobRegistry } from './job-registry';

const catalogue: JobCatalogue = {
  'test.one': { queue: 'default', attempts: 1 },
  'test.two': { queue: 'events', attempts: 3 },
};
const handler = (name: string, className = `${name}Handler`) => ({ name, className, instance: { handle: async () => undefined } });

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof JobHandlerMismatchError) return e.problems;
    throw e;
  }
  throw new Error('expected a JobHandlerMismatchError');
}

describe('JobRegistry (the boot check)', () => {
  it('accepts exactly one handler per job of the catalogue', () => {
    const registry = new JobRegistry(catalogue, [handler('test.one'), handler('test.two')]);
    expect(registry.all().map((j) => j.name).sort()).toEqual(['test.one', 'test.two']);
    expect(registry.get('test.two').definition.attempts).toBe(3);
  });

  it('refuses a job without a handler, naming it', () => {
    expect(problemsOf(() => new JobRegistry(catalogue, [handler('test.one')]))).toEqual([
      `job "test.two" has no @JobHandler('test.two') provider`,
    ]);
  });

  it('refuses two handlers for one job, naming both classes', () => {
    const problems = problemsOf(
      () => new JobRegistry(catalogue, [handler('test.one', 'A'), handler('test.one', 'B'), handler('test.two')]),
    );
    expect(problems).toEqual([`job "test.one" has 2 handlers (A, B); it needs exactly one`]);
  });

  it('refuses a handler of a job that is not in the catalogue', () => {
    const problems = problemsOf(
      () => new JobRegistry(catalogue, [handler('test.one'), handler('test.two'), handler('test.three', 'Stray')]),
    );
    expect(problems).toEqual([`Stray handles "test.three", which is not a job of the catalogue (job-catalogue.ts)`]);
  });

  it('refuses a handler class without handle()', () => {
    const problems = problemsOf(
      () => new JobRegistry(catalogue, [handler('test.one'), { name: 'test.two', className: 'NoHandle', instance: {} }]),
    );
    expect(problems).toContain(`NoHandle handles "test.two" but has no handle(payload, context) method`);
    expect(problems).toContain(`job "test.two" has no @JobHandler('test.two') provider`);
  });

  it('reports every problem at once, in a message that says the process refuses to start', () => {
    expect(() => new JobRegistry(catalogue, [])).toThrow(/Refusing to start[\s\S]*test\.one[\s\S]*test\.two/);
  });
});
