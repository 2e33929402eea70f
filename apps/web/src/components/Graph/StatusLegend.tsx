import { useTheme } from "../../hooks/useTheme";
import { StatusIcon } from "../Status/StatusIcon";
import { STATUS_ORDER, STATUS_STYLES } from "../Status/statusStyle";

/** What each color and icon means, so nobody has to guess (or tell colors apart). */
export function StatusLegend() {
  const { resolved } = useTheme();
  return (
    <ul
      aria-label="Status legend"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white/90 px-3 py-1.5 text-[11px] text-slate-600 shadow-sm backdrop-blur dark:border-slate-700 dark:bg-slate-900/90 dark:text-slate-300"
    >
      {STATUS_ORDER.map((status) => (
        <li key={status} className="flex items-center gap-1">
          <span style={{ color: STATUS_STYLES[status].color[resolved] }}>
            <StatusIcon status={status} className="size-3.5" />
          </span>
          {STATUS_STYLES[status].label}
        </li>
      ))}
    </ul>
  );
}
