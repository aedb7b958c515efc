import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./fixtures/axe";
import { openClassroom } from "./fixtures/classroom";
import { selectPhrase } from "./fixtures/selection";

// Issue #13.2: highlights have a visibility, chosen on the selection toolbar, "Only me" unless the
// reader chose otherwise (and remembered); the margin's filters also decide what is painted, and a
// reader can switch others' highlights off. Each person in a browser of their own.

test.describe.configure({ timeout: 150_000 });

const toolbarOf = (page: Page) => page.getByRole("toolbar", { name: "Annotate the selected text" });
const visibilityChoice = (page: Page, label: string) =>
  toolbarOf(page).getByRole("group", { name: "New highlights visible to" }).getByRole("button", { name: label });
const markIn = (page: Page, position: number, phrase: string) => page.locator(`#p-${position} mark.hl`, { hasText: phrase });
const highlightCard = (page: Page, phrase: string) => page.locator(".annotation-card", { hasText: phrase });

async function highlight(page: Page, position: number, phrase: string, color: string): Promise<void> {
  await selectPhrase(page, position, phrase);
  await toolbarOf(page)
    .getByRole("button", { name: `Highlight ${color}` })
    .click();
  await expect(page.locator(`#p-${position} mark.hl-${color}`, { hasText: phrase })).toBeVisible();
}

test("[VISIBILITY] a highlight is Only me by default and stays off a classmate's open page; the course choice is remembered and reaches them live; narrowing takes it back live", async ({
  browser,
}) => {
  const room = await openClassroom(browser, ["Ana Marker", "Chen Reader"]);
  const [ana, chen] = room.students as [(typeof room.students)[0], (typeof room.students)[0]];
  await chen.page.goto(room.url);
  await expect(chen.page.locator(".live-status")).toHaveText("Live");
  await ana.page.goto(room.url);
  await expect(ana.page.locator(".live-status")).toHaveText("Live");

  // The toolbar offers the choice, "Only me" pressed; her highlight is hers alone.
  await selectPhrase(ana.page, 3, "sustainable development");
  await expect(visibilityChoice(ana.page, "Only me")).toHaveAttribute("aria-pressed", "true");
  await expect(visibilityChoice(ana.page, "Whole course")).toHaveAttribute("aria-pressed", "false");
  await expectNoSeriousAxeViolations(ana.page);
  await toolbarOf(ana.page).getByRole("button", { name: "Highlight green" }).click();
  await expect(markIn(ana.page, 3, "sustainable development")).toBeVisible();
  await expect(highlightCard(ana.page, "sustainable development").locator(".badge")).toHaveText("Only me");

  // She shares the next one with the course: Chen sees it appear; the private one never came.
  await selectPhrase(ana.page, 4, "mutual respect");
  await visibilityChoice(ana.page, "Whole course").click();
  await expect(visibilityChoice(ana.page, "Whole course")).toHaveAttribute("aria-pressed", "true");
  await toolbarOf(ana.page).getByRole("button", { name: "Highlight blue" }).click();
  await expect(markIn(ana.page, 4, "mutual respect")).toBeVisible();
  await expect(markIn(chen.page, 4, "mutual respect")).toBeVisible();
  await expect(highlightCard(chen.page, "mutual respect")).toBeVisible();
  await expect(markIn(chen.page, 3, "sustainable development")).toHaveCount(0);
  await expect(highlightCard(chen.page, "sustainable development")).toHaveCount(0);

  // Remembered: after a reload, in a new selection, "Whole course" is pressed.
  // The page hydrates without an error (an invalid nesting once made React remount it, which
  // dropped the first selection after a load: #13 defect).
  const pageErrors: string[] = [];
  ana.page.on("pageerror", (error) => pageErrors.push(error.message));
  await ana.page.reload();
  await expect(ana.page.locator(".live-status")).toHaveText("Live");
  await selectPhrase(ana.page, 5, "weapons of mass destruction");
  await expect(visibilityChoice(ana.page, "Whole course")).toHaveAttribute("aria-pressed", "true");
  await ana.page.keyboard.press("Escape");
  expect(pageErrors).toEqual([]);

  // Ana makes the shared one "Only me": it leaves Chen's open page, mark and card.
  const anaCard = highlightCard(ana.page, "mutual respect");
  await anaCard.getByRole("button", { name: "Edit" }).click();
  await ana.page.getByRole("form", { name: "Edit highlight" }).getByLabel("Visible to").selectOption({ label: "Only me" });
  await ana.page.getByRole("button", { name: "Save" }).click();
  await expect(highlightCard(chen.page, "mutual respect")).toHaveCount(0);
  await expect(markIn(chen.page, 4, "mutual respect")).toHaveCount(0);
  await expect(markIn(ana.page, 4, "mutual respect")).toBeVisible();
});

test("[FILTERS] the margin's filters also filter what is painted in the text; switching others' highlights off leaves only one's own, and stays off", async ({
  browser,
}) => {
  const room = await openClassroom(browser, ["Ana Painter", "Ben Painter", "Chen Filter"]);
  const [ana, ben, chen] = room.students as [(typeof room.students)[0], (typeof room.students)[0], (typeof room.students)[0]];
  for (const [person, position, phrase, color] of [
    [ana, 3, "sustainable development", "green"],
    [ben, 4, "mutual respect", "blue"],
  ] as const) {
    await person.page.goto(room.url);
    await selectPhrase(person.page, position, phrase);
    await visibilityChoice(person.page, "Whole course").click();
    await toolbarOf(person.page)
      .getByRole("button", { name: `Highlight ${color}` })
      .click();
    await expect(markIn(person.page, position, phrase)).toBeVisible();
  }
  await chen.page.goto(room.url);
  await highlight(chen.page, 5, "weapons of mass destruction", "pink");
  for (const [position, phrase] of [
    [3, "sustainable development"],
    [4, "mutual respect"],
    [5, "weapons of mass destruction"],
  ] as const)
    await expect(markIn(chen.page, position, phrase)).toBeVisible();

  // Only Ben's: the text shows only his highlight; the filter is in the address.
  const filters = chen.page.getByRole("group", { name: "Filter posts" });
  await filters.getByLabel("Author").selectOption({ label: ben.account.name });
  await expect(markIn(chen.page, 3, "sustainable development")).toHaveCount(0);
  await expect(markIn(chen.page, 5, "weapons of mass destruction")).toHaveCount(0);
  await expect(markIn(chen.page, 4, "mutual respect")).toBeVisible();
  await expect(chen.page).toHaveURL(/[?&]author=/);
  // By colour instead.
  await filters.getByLabel("Author").selectOption({ label: "Everyone" });
  await filters.getByLabel("Colour").selectOption("green");
  await expect(markIn(chen.page, 3, "sustainable development")).toBeVisible();
  await expect(markIn(chen.page, 4, "mutual respect")).toHaveCount(0);
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await expect(markIn(chen.page, 4, "mutual respect")).toBeVisible();
  await expect(markIn(chen.page, 3, "sustainable development")).toBeVisible();

  // Others' highlights off: only Chen's own stays, in the text and the margin, after a reload too.
  await filters.getByRole("checkbox", { name: "Show others’ highlights" }).uncheck();
  await expect(markIn(chen.page, 3, "sustainable development")).toHaveCount(0);
  await expect(markIn(chen.page, 4, "mutual respect")).toHaveCount(0);
  await expect(highlightCard(chen.page, "mutual respect")).toHaveCount(0);
  await expect(markIn(chen.page, 5, "weapons of mass destruction")).toBeVisible();
  await chen.page.reload();
  await expect(chen.page.getByRole("checkbox", { name: "Show others’ highlights" })).not.toBeChecked();
  await expect(markIn(chen.page, 4, "mutual respect")).toHaveCount(0);
  await expect(markIn(chen.page, 5, "weapons of mass destruction")).toBeVisible();
  await expectNoSeriousAxeViolations(chen.page);
});
