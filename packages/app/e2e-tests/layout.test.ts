import { test, expect, Page, ConsoleMessage } from '@playwright/test';
import { signInAsGuest } from './signIn';

/*
 * What a reader sees at the widths people use (a laptop, a small window):
 * tables that fit, words that never break in the middle, the column a
 * manager filters on in view, links that scroll where they say, and a
 * console without React warnings.
 */

const DEMO_DATA_TIMEOUT = 120_000;
const WIDTHS = [1440, 1024];

const PAGES = [
  {
    name: 'service overview',
    path: '/catalog/default/component/checkout-service',
    ready: (page: Page) => page.getByText(/^Blocked by/).first(),
  },
  {
    name: 'service tab',
    path: '/catalog/default/component/checkout-service/release',
    ready: (page: Page) => page.getByRole('table', { name: 'Scorecard rules' }),
  },
  {
    name: 'compliance page',
    path: '/release-scorecard/compliance',
    ready: (page: Page) =>
      page.getByRole('table', { name: 'Services and rules' }),
  },
  {
    name: 'rules page',
    path: '/release-scorecard/rules',
    ready: (page: Page) =>
      page.getByRole('table', { name: 'Rules by pass rate' }),
  },
];

/** Console messages React and our code would print; MUI v4's findDOMNode notice is not ours. */
function isOwnWarning(message: ConsoleMessage): boolean {
  const text = message.text();
  return (
    (message.type() === 'error' || message.type() === 'warning') &&
    /Warning:|validateDOMNesting|unique "key"|each child in a list/i.test(
      text,
    ) &&
    !/findDOMNode is deprecated/.test(text)
  );
}

async function openWhenReady(
  page: Page,
  path: string,
  ready: (page: Page) => ReturnType<Page['getByRole']>,
) {
  await expect(async () => {
    await page.goto(path);
    await expect(ready(page)).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: DEMO_DATA_TIMEOUT, intervals: [2_000, 5_000] });
}

/**
 * Words of table cells that the browser broke across lines. A word is a run
 * without spaces, split further at `. - / ,` where long identifiers may break
 * on purpose; each must lie on one line (one client rect).
 */
async function wordsBrokenInside(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const broken: string[] = [];
    const cells = document.querySelectorAll(
      '[data-testid="scorecard-table"] td, [data-testid="scorecard-table"] th',
    );
    for (const cell of Array.from(cells)) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        const pattern = /[^\s.\-/,]+/g;
        for (
          let match = pattern.exec(text);
          match;
          match = pattern.exec(text)
        ) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter(rect => rect.width > 0)
              .map(rect => Math.round(rect.top)),
          );
          if (lines.size > 1) {
            broken.push(match[0]);
          }
        }
      }
    }
    return broken;
  });
}

for (const width of WIDTHS) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 1000 } });

    test.beforeEach(async ({ page }) => {
      await signInAsGuest(page);
    });

    for (const target of PAGES) {
      test(`the ${target.name} has no word broken inside and no React warning`, async ({
        page,
      }) => {
        const warnings: string[] = [];
        page.on('console', message => {
          if (isOwnWarning(message)) {
            warnings.push(message.text().slice(0, 300));
          }
        });
        await openWhenReady(page, target.path, target.ready);
        // Let late data (trend charts, paged tables) render.
        await page.waitForLoadState('networkidle');
        expect(await wordsBrokenInside(page)).toEqual([]);
        expect(warnings).toEqual([]);
      });
    }

    test('the filtered rule sits next to the service, in view', async ({
      page,
    }) => {
      const rule = 'load-test-passes';
      await openWhenReady(
        page,
        `/release-scorecard/compliance?rule=${rule}&status=fail`,
        p => p.getByRole('table', { name: 'Services and rules' }),
      );
      const column = page.getByTestId(`rule-column-${rule}`);
      await expect(column).toBeInViewport();
      // Still in view when the table is scrolled to its far end.
      await page
        .getByTestId('scorecard-table-scroll')
        .first()
        .evaluate(element => {
          element.scrollLeft = element.scrollWidth;
        });
      await expect(column).toBeInViewport();
    });

    test('a rule on the rules page links to its card', async ({ page }) => {
      const rule = 'recovery-time';
      await page.goto('/release-scorecard/rules');
      const card = page.getByTestId(`rule-card-${rule}`);
      await page.getByTestId(`rule-link-${rule}`).click();
      await expect(page).toHaveURL(new RegExp(`#rule-${rule}$`));
      await expect(card).toBeInViewport();
      await expect(card).toBeFocused();
    });
  });
}
