import vm from 'vm';

/**
 * Runs the tests of a file with the process in `timeZone`, restoring it after.
 *
 * Node re-reads `TZ` when `process.env.TZ` is assigned, but Jest gives each
 * test file a copy of `process.env`, so assigning it there changes nothing.
 * The real `process` is the one of the main context, which
 * `vm.runInThisContext` evaluates in.
 */
export function useProcessTimeZone(timeZone: string) {
  const env = (vm.runInThisContext('process') as NodeJS.Process).env;
  let original: string | undefined;
  beforeAll(() => {
    original = env.TZ;
    env.TZ = timeZone;
  });
  afterAll(() => {
    if (original === undefined) {
      delete env.TZ;
    } else {
      env.TZ = original;
    }
  });
}
