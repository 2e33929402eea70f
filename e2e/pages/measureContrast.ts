import type { Locator } from "@playwright/test";

export interface MeasuredContrast {
  readonly text: string;
  readonly color: string;
  readonly background: string;
  readonly ratio: number;
}

/**
 * The WCAG contrast ratio of an element's text against what is actually painted behind it, as
 * Chromium renders it: every ancestor's background is composited from the root down on a canvas
 * (so translucent fills, tints and any CSS color syntax such as oklch are handled), then the
 * text color over that.
 */
export async function measureContrast(
  element: Locator,
  pseudo: "::placeholder" | null = null,
): Promise<MeasuredContrast> {
  return element.evaluate((node, pseudoElement) => {
    const canvas = document.createElement("canvas");
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    const pixel = () => {
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!] as const;
    };
    const chain: Element[] = [];
    for (let current: Element | null = node; current; current = current.parentElement) {
      chain.unshift(current);
    }
    context.fillStyle = "#ffffff"; // the canvas a page is drawn on when nothing paints it
    context.fillRect(0, 0, 1, 1);
    for (const ancestor of chain) {
      context.fillStyle = getComputedStyle(ancestor).backgroundColor;
      context.fillRect(0, 0, 1, 1);
    }
    const background = pixel();
    const color = getComputedStyle(node, pseudoElement).color;
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const foreground = pixel();
    const luminance = (rgb: readonly number[]) => {
      const [r, g, b] = rgb.map((channel) => {
        const value = channel / 255;
        return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
    return {
      text: pseudoElement
        ? (node.getAttribute("placeholder") ?? "")
        : (node.textContent ?? "").trim(),
      color,
      background: `rgb(${background.join(" ")})`,
      ratio: Math.round(((light! + 0.05) / (dark! + 0.05)) * 100) / 100,
    };
  }, pseudo);
}
