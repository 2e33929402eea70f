import { criticalLinkPath } from "./criticalLinkPath";
import type { LinearScale } from "./timeline";
import type { CriticalLink } from "./timelineCriticalPath";
import { LABEL_WIDTH } from "./timelineStyle";

export interface CriticalLinksProps {
  readonly links: readonly CriticalLink[];
  /** Each phase's row (a folded phase's group row). */
  readonly rowOf: ReadonlyMap<string, number>;
  readonly scale: LinearScale;
  readonly height: number;
  readonly accent: string;
}

/**
 * Over the rows: the critical path's links from each step's end to the next one's start, dashed
 * where the next step waited for a slot rather than on a dependency.
 */
export function CriticalLinks({ links, rowOf, scale, height, accent }: CriticalLinksProps) {
  return (
    <svg
      data-testid="timeline-critical-links"
      className="pointer-events-none absolute top-0 overflow-hidden"
      style={{ left: LABEL_WIDTH }}
      width={scale.range[1] - scale.range[0]}
      height={height}
      aria-hidden="true"
    >
      {links.map((link) => {
        const path = criticalLinkPath(link, rowOf, scale);
        return path === null ? null : (
          <path
            key={`${link.from}→${link.to}`}
            d={path}
            fill="none"
            stroke={accent}
            strokeWidth={1.5}
            strokeDasharray={link.waitedOn === "slot" ? "3 2" : undefined}
            opacity={0.8}
          />
        );
      })}
    </svg>
  );
}
