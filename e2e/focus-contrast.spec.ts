import { expect, test, type Locator, type Page } from "@playwright/test";
import { doc, openClassroom, postThroughApi, rangeOf } from "./fixtures/classroom";

// Issue #15.6: focus indicators are non-text contrast (WCAG 1.4.11, 2.4.11): at least 3:1 against
// the colours next to them, in light and dark schemes. Measured from computed styles on the
// reading page for each kind of focusable thing a reader meets there.

type Measure = {
  isFocusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  outline: string;
  /** Contrast against the colour around the outline (what the element sits on). */
  outside: number;
  /** Contrast against the colour on its inner side: the same backdrop past a gap, else the element's border or fill. */
  inside: number;
};

/** The focused element's outline and the contrast with its neighbours, computed in the page. */
function measureFocus(element: Element): Measure {
  const canvas = document.createElement("canvas");
  canvas.width = 1;
  canvas.height = 1;
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  // Any CSS colour (rgb, color(srgb …), color-mix results) to [r, g, b, alpha], as the browser paints it.
  const rgba = (color: string): [number, number, number, number] => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = "rgba(0, 0, 0, 0)";
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255];
  };
  const over = (top: number[], bottom: number[]) => [0, 1, 2].map((i) => top[i]! * top[3]! + bottom[i]! * (1 - top[3]!)).concat(1);
  // What shows behind an element: its ancestors' backgrounds, composed, down to the first opaque one.
  const backdrop = (from: Element | null): number[] => {
    const layers: number[][] = [];
    for (let node = from; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reduceRight<number[]>((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (colour: number[]) => {
    const [r, g, b] = colour.slice(0, 3).map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: number[], b: number[]) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  };
  const style = getComputedStyle(element);
  const around = backdrop(element.parentElement);
  const outline = over(rgba(style.outlineColor), around);
  const offset = parseFloat(style.outlineOffset);
  let inside = contrast(outline, around);
  if (offset <= 0) {
    const sides = ["Top", "Right", "Bottom", "Left"] as const;
    const borders = sides
      .filter((side) => parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0)
      .map((side) => over(rgba(style.getPropertyValue(`border-${side.toLowerCase()}-color`)), around));
    const neighbours = borders.length > 0 ? borders : [over(rgba(style.backgroundColor), around)];
    inside = Math.min(...neighbours.map((neighbour) => contrast(outline, neighbour)));
  }
  return {
    isFocusVisible: element.matches(":focus-visible"),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outline: style.outlineColor,
    outside: contrast(outline, around),
    inside,
  };
}

async function expectVisibleFocus(page: Page, kind: string, target: Locator, scheme: string): Promise<string> {
  await expect(target, kind).toBeFocused();
  const measure = await target.evaluate(measureFocus);
  const line = `${scheme} ${kind}: ${measure.outlineWidth}px ${measure.outlineStyle} ${measure.outline}, ${measure.outside.toFixed(2)}:1 outside, ${measure.inside.toFixed(2)}:1 inside`;
  expect(measure.isFocusVisible, line).toBe(true);
  expect(measure.outlineStyle, line).not.toBe("none");
  expect(measure.outlineWidth, line).toBeGreaterThanOrEqual(2);
  expect(measure.outside, line).toBeGreaterThanOrEqual(3);
  expect(measure.inside, line).toBeGreaterThanOrEqual(3);
  return line;
}

test("[A11Y] focus indicators contrast at least 3:1 with their surroundings, light and dark: links, buttons, toolbars, highlights, cards, the sentence list", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const room = await openClassroom(browser, ["Fay Focus"]);
  const page = room.students[0]!.page;
  await page.goto(room.url);
  await expect(page.locator(".live-status")).toHaveText("Live");
  const phrase = (await page.locator("#p-4 p[data-offset]").textContent())!.split(" ").slice(0, 4).join(" ");
  await postThroughApi(page.request, room.readingId, {
    courseId: room.courseId,
    kind: "COMMENT",
    target: await rangeOf(page, 4, phrase),
    body: doc("Focus me."),
    color: "yellow",
    visibility: "PRIVATE",
  });

  const lines: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(room.url);
    await expect(page.locator(".live-status")).toHaveText("Live");
    // Keyboard use first: focus moved from script then shows as keyboard focus, as it does for a keyboard user.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
    lines.push(await expectVisibleFocus(page, "skip link", page.getByRole("link", { name: "Skip to content" }), scheme));

    const navLink = page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "My courses" });
    await navLink.focus();
    lines.push(await expectVisibleFocus(page, "link", navLink, scheme));

    const tools = page.getByRole("button", { name: "Select text in paragraph 4 to annotate" });
    await tools.focus();
    lines.push(await expectVisibleFocus(page, "paragraph toolbar button", tools, scheme));
    await page.keyboard.press("Enter");
    const picker = page.getByRole("listbox", { name: "Sentences of paragraph 4" });
    lines.push(await expectVisibleFocus(page, "sentence list", picker, scheme));
    const highlightButton = page.locator(".passage-picker").getByRole("button", { name: "Highlight" });
    await highlightButton.focus();
    lines.push(await expectVisibleFocus(page, "button", highlightButton, scheme));
    await picker.focus();
    await page.keyboard.press("Escape");
    // The picker hands focus back to its opener on the next frame: wait for it, or it takes focus from the mark.
    await expect(tools).toBeFocused();

    const mark = page.locator("#p-4 mark.hl").first();
    await mark.focus();
    lines.push(await expectVisibleFocus(page, "highlight", mark, scheme));
    await page.keyboard.press("Enter");
    const card = page.locator(".annotation-card", { hasText: "Focus me." });
    lines.push(await expectVisibleFocus(page, "card", card, scheme));
    const cardAction = card.getByRole("toolbar", { name: "Post actions" }).getByRole("button", { name: "Show in text" });
    await cardAction.focus();
    lines.push(await expectVisibleFocus(page, "card toolbar button", cardAction, scheme));

    const help = page.getByRole("button", { name: "Keyboard shortcuts" });
    await help.focus();
    lines.push(await expectVisibleFocus(page, "margin link-button", help, scheme));
  }
  test.info().annotations.push({ type: "focus contrast", description: lines.join("; ") });
  console.log(`[focus] ${lines.join("\n[focus] ")}`);
  await page.context().close();
  await room.instructor.page.context().close();
});
