/**
 * Makes every test of the enclosing `describe` fail when React warns about
 * a list without keys or invalid DOM nesting, as the console of the portal
 * would show it.
 */
export function failOnReactWarnings() {
  let consoleError: jest.SpyInstance;
  beforeEach(() => {
    consoleError = jest.spyOn(console, 'error');
  });
  afterEach(() => {
    const warnings = consoleError.mock.calls
      .map(args => String(args[0]))
      .filter(message =>
        /unique "key"|validateDOMNesting|cannot appear as a/.test(message),
      );
    consoleError.mockRestore();
    if (warnings.length > 0) {
      throw new Error(`React warned:\n${warnings.join('\n')}`);
    }
  });
}
