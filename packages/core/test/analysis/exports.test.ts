import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { toDot, toMermaid, toSvg } from "../../src/index";
import { graphOf, log, ranOnce, replay } from "./runLog";

// Names that break naive output in every format.
const QUOTED = 'say "hi"';
const MARKUP = "<b>bold</b> & co";
const UNICODE = "naïve 日本 🚀";
const ODD = "back\\slash #1 `tick` 'single'";
const graph = graphOf([
  [QUOTED, []],
  [MARKUP, [QUOTED]],
  [UNICODE, [QUOTED], { parallel: false }],
  [ODD, [MARKUP, UNICODE]],
]);
const names = graph.phases.map((phase) => phase.name);
const edges = graph.phases.flatMap((phase) => phase.dependsOn.map((from) => [from, phase.name]));
const state = replay(graph, [
  log.start(0),
  ...ranOnce([
    [QUOTED, 0, 5],
    [MARKUP, 5, 9],
  ]),
  log.phaseStart(UNICODE, 9),
  log.phaseFailed(UNICODE, 12),
]);

describe("toMermaid", () => {
  // No Mermaid parser for flowcharts runs outside a browser (@mermaid-js/parser has none):
  // the structure is checked line by line against Mermaid's flowchart syntax instead.
  const parse = (text: string) => {
    const [header, ...lines] = text.trimEnd().split("\n");
    const nodes = new Map<string, { label: string; shape: string }>();
    const arrows: string[][] = [];
    const classes = new Map<string, string>();
    for (const line of lines) {
      const node = /^ {2}(p\d+)(?:\("([^"]*)"\)|\[\["([^"]*)"\]\])$/.exec(line);
      const arrow = /^ {2}(p\d+) --> (p\d+)$/.exec(line);
      const className = /^ {2}class (p\d+) (\w+)$/.exec(line);
      if (node) {
        const label = node[2] ?? node[3]!;
        // Outside entity codes a label holds nothing Mermaid would read as markup.
        expect(label.replace(/#\d+;/g, "")).not.toMatch(/["<>&#`]/);
        const decoded = label.replace(/#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)));
        nodes.set(node[1]!, {
          label: decoded,
          shape: node[2] === undefined ? "alone" : "parallel",
        });
      } else if (arrow) arrows.push([arrow[1]!, arrow[2]!]);
      else if (className) classes.set(className[1]!, className[2]!);
      else expect(line).toMatch(/^ {2}classDef \w+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6}$/);
    }
    return { header, nodes, arrows, classes };
  };

  it("declares every phase once with its exact name as an escaped label, and every edge", () => {
    const { header, nodes, arrows } = parse(toMermaid(graph));
    expect(header).toBe("flowchart LR");
    const labelOf = (id: string) => nodes.get(id)!.label;
    expect([...nodes.keys()].map(labelOf)).toEqual(names);
    expect(arrows.map(([from, to]) => [labelOf(from!), labelOf(to!)])).toEqual(edges);
    expect(nodes.get("p2")!.shape).toBe("alone");
  });

  it("colors phases by a run's statuses, top to bottom when asked", () => {
    const { header, classes } = parse(toMermaid(graph, { direction: "TB", state }));
    expect(header).toBe("flowchart TB");
    expect([...classes.values()]).toEqual(["completed", "completed", "failed", "pending"]);
  });
});

describe("toSvg", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
  const phasesOf = (svg: string) => {
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parser.parse(svg).svg as {
      title: string;
      path: unknown[] | unknown;
      g: {
        title: string;
        "data-status": string;
        rect: { fill: string };
        text: { "#text": string };
      }[];
    };
    return root;
  };

  it("is well-formed XML with a titled box per phase and a path per edge", () => {
    const root = phasesOf(toSvg(graph));
    expect(root.title).toBe("hand-built");
    expect(root.g.map((box) => box.title)).toEqual(names);
    // Names past 24 characters are cut in the box, never in the tooltip.
    const cut = (name: string) =>
      Array.from(name).length > 24 ? `${Array.from(name).slice(0, 23).join("")}…` : name;
    expect(root.g.map((box) => box.text["#text"])).toEqual(names.map(cut));
    expect([root.path].flat()).toHaveLength(edges.length);
  });

  it("colors each box by the run's status", () => {
    const root = phasesOf(toSvg(graph, state));
    expect(root.g.map((box) => box["data-status"])).toEqual([
      "completed",
      "completed",
      "failed",
      "pending",
    ]);
    expect(root.g.map((box) => box.title)).toEqual(
      names.map(
        (name, index) => `${name} (${["completed", "completed", "failed", "pending"][index]})`,
      ),
    );
    expect(root.g[2]!.rect.fill).toBe("#fee2e2");
  });

  it("keeps characters XML cannot hold out, and cuts long names in the box only", () => {
    const long = `${"x".repeat(30)}\u0001`;
    const root = phasesOf(toSvg(graphOf([[long, []]])));
    const box = [root.g].flat()[0]!;
    expect(box.title).toBe(`${"x".repeat(30)}\ufffd`);
    expect(box.text["#text"]).toBe(`${"x".repeat(23)}…`);
  });
});

describe("toDot", () => {
  /** DOT's tokens: quoted strings unescaped, punctuation, words. */
  const tokenize = (text: string) => {
    const tokens: { kind: "string" | "word" | "mark"; value: string }[] = [];
    for (let index = 0; index < text.length; ) {
      const character = text[index]!;
      if (/\s/.test(character)) index++;
      else if (character === '"') {
        let value = "";
        index++;
        while (text[index] !== '"') {
          if (index >= text.length) throw new Error("unterminated string");
          if (text[index] === "\\") {
            const next = text[index + 1]!;
            value += next === "n" ? "\n" : next;
            index += 2;
          } else value += text[index++];
        }
        index++;
        tokens.push({ kind: "string", value });
      } else if (text.startsWith("->", index)) {
        tokens.push({ kind: "mark", value: "->" });
        index += 2;
      } else if (/[{}[\];,=]/.test(character)) {
        tokens.push({ kind: "mark", value: character });
        index++;
      } else {
        const word = /^[\w.#]+/.exec(text.slice(index))![0];
        tokens.push({ kind: "word", value: word });
        index += word.length;
      }
    }
    return tokens;
  };

  it("is a balanced digraph whose edges join declared nodes, names escaped", () => {
    const tokens = tokenize(toDot(graph));
    expect(tokens.slice(0, 3)).toEqual([
      { kind: "word", value: "digraph" },
      { kind: "string", value: "hand-built" },
      { kind: "mark", value: "{" },
    ]);
    let depth = 0;
    for (const token of tokens) {
      if (token.kind === "mark" && (token.value === "{" || token.value === "[")) depth++;
      if (token.kind === "mark" && (token.value === "}" || token.value === "]")) depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
    }
    expect(depth).toBe(0);
    // Statements: `"name" [...]? ;` declares a node, `"a" -> "b" ;` an edge.
    const declared: string[] = [];
    const joined: string[][] = [];
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!;
      const previous = tokens[index - 1];
      if (
        token.kind !== "string" ||
        previous?.kind !== "mark" ||
        !["{", ";"].includes(previous.value)
      )
        continue;
      if (tokens[index + 1]?.value === "->") {
        joined.push([token.value, tokens[index + 2]!.value]);
        index += 2;
      } else declared.push(token.value);
    }
    expect(declared).toEqual(names);
    expect(joined).toEqual(edges);
  });

  it("fills nodes by a run's status", () => {
    const dot = toDot(graph, state);
    expect(dot).toContain('fillcolor="#fee2e2"');
    expect(dot).toContain("peripheries=2");
  });
});
